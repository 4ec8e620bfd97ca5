import { startEmulator, startKms, type InvokeResult } from '@thaw/emulator';
import { keyValues, parse, positiveNumber } from '../args.js';
import { runtimeCommand } from '../bootstrap-path.js';
import { readEvent } from '../event-input.js';
import { resolveTarget } from '../function-target.js';
import { kmsMode, localKeyFile } from '../local-kms.js';
import { lambdaNode, parseNodeOption } from '../lambda-node.js';
import { dim, responseText, summaryLine } from '../report.js';

const help = `usage: thaw invoke <function dir or file> [options]

Runs the function through the thaw runtime under a local Lambda emulator and prints
the response (stdout), the function's logs and the timing of each invocation (stderr).

options:
  --handler <file.export>   handler, relative to the function directory (default index.handler,
                            or <file>.handler when a file is given)
  --event <file | ->        JSON event from a file or standard input (default {})
  --env KEY=VALUE           environment variable for the function (repeatable)
  --timeout <seconds>       function timeout (default 3, as on Lambda)
  --memory <MB>             memory size reported to the function (default 128)
  --times <N>               invoke N times in the same environment: one cold, then warm (default 1)
  --function-name <name>    AWS_LAMBDA_FUNCTION_NAME (default test_function); it is also the
                            encryption context of console-encrypted variables
  --kms local               start thaw's local KMS stand-in and point the function at it
                            (AWS_ENDPOINT_URL_KMS and credentials); values from
                            \`thaw encrypt --kms local\` decrypt with the same --key-file
  --key-file <path>         local KMS key file (default $THAW_LOCAL_KMS_FILE or ~/.thaw/local-kms.json)
  --node 22|24              run on the Node.js of that Lambda runtime (the pinned binary of
                            \`thaw layer runtime --node\`, fetched from npm once; Linux only)
                            instead of the Node.js running thaw
  --json                    print one JSON object per invocation instead
`;

export async function invoke(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    handler: { type: 'string' },
    event: { type: 'string' },
    env: { type: 'string', multiple: true },
    timeout: { type: 'string' },
    memory: { type: 'string' },
    times: { type: 'string' },
    'function-name': { type: 'string' },
    kms: { type: 'string' },
    'key-file': { type: 'string' },
    node: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const target = resolveTarget(positionals[0], values.handler);
  const event = readEvent(values.event);
  const times = Math.floor(positiveNumber('times', values.times, 1));
  const json = values.json === true;
  // Every option is checked before anything starts, so a usage error never leaves a server running.
  const env = keyValues('env', values.env);
  const timeoutSeconds = positiveNumber('timeout', values.timeout, 3);
  const memoryMB = Math.floor(positiveNumber('memory', values.memory, 128));
  const keyFile = kmsMode(values.kms, undefined) === 'local' ? localKeyFile(values['key-file']) : undefined;
  const nodeChoice = parseNodeOption(values.node);

  const node = nodeChoice === undefined ? undefined : await lambdaNode(nodeChoice, json);
  const kms = keyFile === undefined ? undefined : await startKms({ keyFile });
  let emulator;
  try {
    emulator = await startEmulator({
      command: runtimeCommand(node?.path),
      handler: target.handler,
      taskRoot: target.taskRoot,
      // The emulator derives AWS_EXECUTION_ENV from the Node.js it runs on: name the function's.
      env: { ...(node ? { AWS_EXECUTION_ENV: node.executionEnv } : {}), ...kms?.clientEnv(), ...env },
      ...(values['function-name'] ? { functionName: values['function-name'] } : {}),
      timeoutSeconds,
      memoryMB,
      onLog: json ? undefined : showLogLine,
    });
  } catch (error) {
    await kms?.close();
    throw error;
  }
  let failed = 0;
  try {
    for (let i = 1; i <= times; i++) {
      let streamedBytes = 0;
      const result = await emulator.invoke(event, {
        // Streamed responses are shown as they arrive, not when the function finishes.
        onChunk: json ? undefined : (chunk) => {
          streamedBytes += chunk.length;
          process.stdout.write(chunk);
        },
      });
      if (result.status !== 'success') failed++;
      if (json) process.stdout.write(`${JSON.stringify(toJson(result))}\n`);
      else print(result, i, times, streamedBytes > 0);
    }
  } finally {
    await emulator.close();
    await kms?.close();
  }
  return failed === 0 ? 0 : 1;
}

function print(result: InvokeResult, index: number, total: number, alreadyStreamed: boolean): void {
  if (!alreadyStreamed) process.stdout.write(responseText(result));
  else if (!result.payload.toString('utf8').endsWith('\n')) process.stdout.write('\n');
  process.stderr.write(summaryLine(result, index, total));
}

function toJson(r: InvokeResult) {
  return {
    requestId: r.requestId,
    status: r.status,
    cold: r.cold,
    initMs: r.initMs,
    durationMs: r.durationMs,
    response: r.response ?? r.payload.toString('utf8'),
    error: r.error,
    logs: r.logs,
  };
}

/**
 * One line of the function's log. A message of several lines is one log line in Lambda's
 * text format, with \r where the message had \n; a terminal would draw those lines over each
 * other, so each gets a row of its own here, indented under the first.
 */
function showLogLine(line: string): void {
  process.stderr.write(`  ${dim('│')} ${line.replaceAll('\r', `\n  ${dim('│')}   `)}\n`);
}
