// A fast fake Lambda Runtime API, run in its own process (forked by the benchmark) so that
// its cost is the same for every contender and never lands in a contender's CPU figures.
// It is deliberately not @thaw/emulator: the emulator checks everything and records traffic;
// this one only does what the platform must do to keep a runtime busy, and counts.
//
// Control is over the fork IPC channel. The parent arms a "plan" (how many invocations, which
// event, how many in flight at once); /next requests are answered while the plan has work and
// parked otherwise, so an idle runtime sits in its long poll like a frozen environment.
// Times are process.hrtime in milliseconds: the same monotonic clock as the parent's.
import { createServer } from 'node:http';
import { buildEvent } from './event.mjs';

const PREFIX = '/2018-06-01/runtime/';
const nowMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;
const events = new Map();
const eventOf = (size) => {
  if (!events.has(size)) events.set(size, buildEvent(size));
  return events.get(size);
};

let parked = [];
let plan;
let session = { seq: 0, firstNextAt: undefined, initError: undefined };
const inFlight = new Map();

function newPlan(msg) {
  return {
    tag: msg.tag, count: msg.count, concurrency: msg.concurrency ?? 1, event: eventOf(msg.eventSize),
    expectEcho: msg.expectEcho !== false, dispatched: 0, finished: 0, startedAt: nowMs(), endedAt: undefined,
    firstResponseAt: undefined, errors: 0, mismatches: 0, firstError: undefined, ttfbMs: [], durationsMs: [],
    streamedBytes: 0, maxInFlight: 0,
  };
}

function pump() {
  while (plan && plan.dispatched < plan.count && inFlight.size < plan.concurrency && parked.length > 0) {
    const res = parked.shift();
    if (res.destroyed || res.writableEnded) continue;
    const id = `bench-${session.seq}-${plan.dispatched++}`;
    inFlight.set(id, { sentAt: nowMs(), firstByteAt: undefined });
    plan.maxInFlight = Math.max(plan.maxInFlight, inFlight.size);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': plan.event.length,
      'lambda-runtime-aws-request-id': id,
      'lambda-runtime-deadline-ms': String(Date.now() + 900_000),
      'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:123456789012:function:bench',
      'lambda-runtime-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    });
    res.end(plan.event);
  }
}

function finishInvocation(id, { error, bytes, body }) {
  const flight = inFlight.get(id);
  if (!flight || !plan) return false;
  inFlight.delete(id);
  const at = nowMs();
  plan.finished++;
  plan.firstResponseAt ??= at;
  plan.durationsMs.push(at - flight.sentAt);
  if (flight.firstByteAt !== undefined) plan.ttfbMs.push(flight.firstByteAt - flight.sentAt);
  if (error) {
    plan.errors++;
    plan.firstError ??= error;
  } else if (plan.expectEcho) {
    // Byte-compare only the first response (a copy of 1 MB per cycle would tax the server);
    // the length check on every response catches a contender that skips the work.
    if (bytes !== plan.event.length || (body && !body.equals(plan.event))) plan.mismatches++;
  }
  if (plan.finished === plan.count) {
    plan.endedAt = at;
    const { event, ...report } = plan;
    process.send({ ev: 'served', ...report, firstNextAt: session.firstNextAt });
    plan = undefined;
  } else {
    pump();
  }
  return true;
}

function onNext(req, res) {
  session.firstNextAt ??= nowMs();
  res.on('close', () => { parked = parked.filter((r) => r !== res); });
  parked.push(res);
  pump();
}

function onResult(req, res, id, kind) {
  const flight = inFlight.get(id);
  const streaming = req.headers['lambda-runtime-function-response-mode'] === 'streaming';
  const keepFirstBody = kind === 'response' && !streaming && plan && plan.finished === 0;
  const chunks = [];
  let bytes = 0;
  req.on('data', (chunk) => {
    if (flight && flight.firstByteAt === undefined && chunk.length > 0) flight.firstByteAt = nowMs();
    bytes += chunk.length;
    if (keepFirstBody || kind === 'error') chunks.push(chunk);
  });
  req.on('end', () => {
    res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"OK"}');
    if (plan && streaming) plan.streamedBytes += bytes;
    const trailerError = req.trailers['lambda-runtime-function-error-type'];
    const error = kind === 'error'
      ? Buffer.concat(chunks).toString('utf8').slice(0, 500)
      : trailerError ? `stream failed: ${trailerError}` : undefined;
    if (!finishInvocation(id, { error, bytes, body: keepFirstBody ? Buffer.concat(chunks) : undefined })) {
      process.send({ ev: 'stray', id, kind });
    }
  });
}

const server = createServer((req, res) => {
  const path = req.url.startsWith(PREFIX) ? req.url.slice(PREFIX.length) : '';
  if (req.method === 'GET' && path === 'invocation/next') return onNext(req, res);
  const match = /^invocation\/([^/]+)\/(response|error)$/.exec(path);
  if (req.method === 'POST' && match) return onResult(req, res, decodeURIComponent(match[1]), match[2]);
  if (req.method === 'POST' && path === 'init/error') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      session.initError = Buffer.concat(chunks).toString('utf8').slice(0, 2000);
      process.send({ ev: 'init-error', body: session.initError });
      res.writeHead(202).end();
    });
    return;
  }
  req.resume();
  res.writeHead(404, { 'content-type': 'text/plain' }).end(`fake Runtime API: no route for ${req.method} ${req.url}\n`);
});
// Long polls must never time out, and runtimes keep one connection for their whole life.
server.keepAliveTimeout = 0;
server.requestTimeout = 0;
server.headersTimeout = 0;
server.timeout = 0;

process.on('message', (msg) => {
  switch (msg.cmd) {
    case 'reset':
      // A new runtime process is about to start; forget the previous one.
      session = { seq: session.seq + 1, firstNextAt: undefined, initError: undefined };
      plan = undefined;
      inFlight.clear();
      for (const res of parked) res.destroy();
      parked = [];
      process.send({ ev: 'reset-done' });
      break;
    case 'prepare':
      eventOf(msg.eventSize);
      process.send({ ev: 'prepared' });
      break;
    case 'serve':
      if (plan) throw new Error(`fake Runtime API: plan "${plan.tag}" still running when "${msg.tag}" was armed`);
      plan = newPlan(msg);
      pump();
      break;
    case 'status':
      process.send({ ev: 'status', parked: parked.length, inFlight: inFlight.size, firstNextAt: session.firstNextAt });
      break;
    default:
      throw new Error(`fake Runtime API: unknown command ${JSON.stringify(msg)}`);
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => process.send({ ev: 'listening', port: server.address().port }));
