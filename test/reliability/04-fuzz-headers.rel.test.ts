// Property: whatever values the /next answer's headers hold (request id, deadline, client
// context, Cognito identity, trace id, function ARN, tenant id): malformed, huge or hostile,
// the runtime answers for exactly that request id, stays alive, and hands the function a
// context it can use. One runtime process serves every run, against a scripted Runtime API.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capture } from './support/capture.js';
import { recordSection } from './support/figures.js';
import { RawRuntimeApi } from './support/raw-runtime-api.js';
import { isolatedTaskRoot } from './support/task-root.js';

const RUNS = Number(process.env.THAW_FUZZ_HEADER_RUNS ?? 1000);
const taskRoot = isolatedTaskRoot('context-echo');
const api = new RawRuntimeApi(new Capture('fuzz-headers'));
const failures: string[] = [];
let runs = 0;
let largestHeaderBytes = 0;
const seen = { malformedJson: 0, validJson: 0, badDeadline: 0, hugeValue: 0 };

// Bytes a header value may carry over HTTP (Node refuses to send others): tab, visible
// ASCII, and 0x80-0xFF (obs-text, read as latin1).
const headerChar = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 1, arbitrary: fc.constant(0x09) },
).map((code) => String.fromCharCode(code));
const headerText = (maxLength: number) => fc.string({ unit: headerChar, maxLength });
// Readers trim a header value's surrounding whitespace: an id must not have any.
const requestId = fc
  .oneof(headerText(80), fc.uuid(), headerText(20).map((text) => text.repeat(500)))
  .filter((id) => id.trim() === id && id !== '');

const asciiJson = (text: string): string => text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const jsonHeader = fc.oneof(
  fc.json({ maxDepth: 4 }).map(asciiJson),
  headerText(200),
  fc.constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '[' .repeat(2000) + ']'.repeat(2000),
    '{"a":' + 'x'.repeat(10),
    'null',
    '"just a string"',
    `{"big":"${'z'.repeat(60 * 1024)}"}`,
  ),
);
const deadline = fc.oneof(
  fc.integer({ min: Date.now(), max: Date.now() + 900_000 }).map(String),
  fc.integer().map(String),
  fc.double().map(String),
  headerText(30),
  fc.constantFrom('', 'NaN', 'Infinity', '-1', '1e400', '9'.repeat(400), '0x10', '12abc', '1.5e12'),
);
const headers = fc.record(
  {
    requestId,
    deadline: fc.option(deadline, { nil: undefined }),
    clientContext: fc.option(jsonHeader, { nil: undefined }),
    identity: fc.option(jsonHeader, { nil: undefined }),
    traceId: fc.option(headerText(300), { nil: undefined }),
    arn: fc.option(headerText(100), { nil: undefined }),
    tenantId: fc.option(headerText(100), { nil: undefined }),
  },
  { requiredKeys: ['requestId'] },
);
type Headers = typeof headers extends fc.Arbitrary<infer T> ? T : never;

function parsedOrNull(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text.trim()) as unknown;
  } catch {
    return null;
  }
}

function wireHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = { 'Lambda-Runtime-Aws-Request-Id': h.requestId };
  if (h.deadline !== undefined) out['Lambda-Runtime-Deadline-Ms'] = h.deadline;
  if (h.clientContext !== undefined) out['Lambda-Runtime-Client-Context'] = h.clientContext;
  if (h.identity !== undefined) out['Lambda-Runtime-Cognito-Identity'] = h.identity;
  if (h.traceId !== undefined) out['Lambda-Runtime-Trace-Id'] = h.traceId;
  if (h.arn !== undefined) out['Lambda-Runtime-Invoked-Function-Arn'] = h.arn;
  if (h.tenantId !== undefined) out['Lambda-Runtime-Aws-Tenant-Id'] = h.tenantId;
  return out;
}

async function check(h: Headers): Promise<void> {
  runs++;
  const wire = wireHeaders(h);
  const size = Object.entries(wire).reduce((sum, [name, value]) => sum + name.length + value.length, 0);
  largestHeaderBytes = Math.max(largestHeaderBytes, size);
  if (size > 16 * 1024) seen.hugeValue++;
  for (const text of [h.clientContext, h.identity]) {
    if (text === undefined) continue;
    if (parsedOrNull(text) === null && text.trim() !== 'null') seen.malformedJson++;
    else seen.validJson++;
  }
  if (h.deadline !== undefined && !/^\d{1,16}$/.test(h.deadline.trim())) seen.badDeadline++;

  const reply = await api.exchange(wire, Buffer.from('{"n":1}'));
  const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(reply.path);
  const problem = (text: string): void => {
    failures.push(`${text} (request id ${JSON.stringify(h.requestId).slice(0, 60)})`);
  };
  if (!match) return problem(`unexpected request ${reply.method} ${reply.path.slice(0, 100)}`);
  if (decodeURIComponent(match[1]!) !== h.requestId) problem('answered for another request id');
  if (match[2] !== 'response') return problem(`posted an error: ${reply.body.toString().slice(0, 200)}`);
  const body = JSON.parse(reply.body.toString('utf8')) as Record<string, unknown>;
  if (body.id !== h.requestId) problem('context.awsRequestId differs from the header');
  if (typeof body.remaining !== 'number') problem(`getRemainingTimeInMillis() gave ${String(body.remaining)} for deadline ${JSON.stringify(h.deadline)}`);
  if (body.polluted !== false) problem('a header polluted Object.prototype');
  for (const [field, text] of [['clientContext', h.clientContext], ['identity', h.identity]] as const) {
    const expected = parsedOrNull(text);
    // Valid JSON arrives parsed; anything else leaves the field empty (not a crash).
    if (JSON.stringify(body[field]) !== JSON.stringify(expected)) problem(`${field} ${JSON.stringify(body[field]).slice(0, 80)} for header ${JSON.stringify(text).slice(0, 80)}`);
  }
  expect(failures).toEqual([]);
}

beforeAll(() => api.start(taskRoot.path, 'index.handler'));
afterAll(async () => {
  // Read before stop(), which kills it.
  const exited = api.exited;
  await api.stop();
  taskRoot.remove();
  recordSection({
    order: '04',
    title: 'Fuzzing: Runtime API header values',
    summary: `fast-check, ${RUNS} runs against one runtime process (the real bootstrap) and a scripted Runtime API that answers /next with generated header values: request ids of any header bytes (latin1, up to 10,000 characters), deadlines that are not numbers or out of range, client context and Cognito identity as valid JSON, invalid JSON, 60 KiB JSON, 2,000-deep arrays and \`__proto__\` pollution attempts, trace ids, ARNs and tenant ids of any header bytes.`,
    rows: [
      ['runs', runs],
      ['runtime still running after the last run', exited ? `no (${exited.code ?? exited.signal})` : 'yes'],
      ['client context / identity values that were not JSON', seen.malformedJson],
      ['client context / identity values that were JSON', seen.validJson],
      ['deadline values that were not an epoch in ms', seen.badDeadline],
      ['runs with more than 16 KiB of headers', seen.hugeValue],
      ['largest header block', `${(largestHeaderBytes / 1024).toFixed(1)} KiB`],
    ],
    checks: [
      ['every run answered for its own request id, with a usable context', failures.length === 0],
      ['the runtime never exited', exited === undefined],
    ],
    notes: failures.length > 0 ? [`Failures: ${failures.slice(0, 10).join('; ')}`] : [],
  });
});

describe('Runtime API header fuzzing', () => {
  it(`${RUNS} generated /next header sets: right id, usable context, no crash`, async () => {
    await fc.assert(fc.asyncProperty(headers, check), { numRuns: RUNS, endOnFailure: true });
    expect(api.exited).toBeUndefined();
  }, 300_000);
});
