// A scripted Runtime API for header fuzzing: each exchange answers the runtime's parked /next
// with the given headers and body, and resolves with the runtime's next request (its response
// or error). The real bootstrap runs against it as a child process; the emulator is not used
// because it refuses (rightly) to send malformed header values.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Capture } from './capture.js';
import { BOOTSTRAP } from './paths.js';
import { plantedEnvironment } from './planted.js';

const EXCHANGE_LIMIT_MS = 10_000;

export interface RuntimeRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export class RawRuntimeApi {
  private server!: Server;
  private child!: ChildProcess;
  private parked: ServerResponse | undefined;
  private parkedWaiter: ((res: ServerResponse) => void) | undefined;
  private requestWaiter: ((request: RuntimeRequest) => void) | undefined;
  private exitWaiter: ((reason: Error) => void) | undefined;
  exited: { code: number | null; signal: string | null } | undefined;
  readonly output: string[] = [];

  constructor(private readonly capture: Capture) {}

  async start(taskRoot: string, handler: string): Promise<void> {
    // Room for the runtime's request line when the fuzzed request id is 10,000 characters long.
    this.server = createServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.child = spawn(process.execPath, [BOOTSTRAP], {
      cwd: taskRoot,
      env: { PATH: process.env.PATH, ...plantedEnvironment(), AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`, _HANDLER: handler, LAMBDA_TASK_ROOT: taskRoot },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8').on('data', (text: string) => {
        for (const line of text.split('\n')) if (line !== '') {
          this.capture.line(line);
          if (this.output.length < 10_000) this.output.push(line);
        }
      });
    }
    this.child.once('exit', (code, signal) => {
      this.exited = { code, signal };
      this.exitWaiter?.(new Error(`the runtime exited (${code ?? signal}) during an exchange`));
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/2018-06-01/runtime/invocation/next') {
        if (this.parkedWaiter) this.parkedWaiter(res);
        else this.parked = res;
        return;
      }
      res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      this.capture.line(`${request.method} ${request.path} ${JSON.stringify(request.headers)}`);
      this.capture.line(request.body.toString('latin1'));
      this.requestWaiter?.(request);
    });
  }

  private nextPoll(): Promise<ServerResponse> {
    if (this.parked) {
      const res = this.parked;
      this.parked = undefined;
      return Promise.resolve(res);
    }
    return new Promise((resolve) => (this.parkedWaiter = (res) => {
      this.parkedWaiter = undefined;
      resolve(res);
    }));
  }

  /** Answers the next /next with these headers and body; resolves with the runtime's reply. */
  async exchange(headers: Record<string, string>, body: Buffer): Promise<RuntimeRequest> {
    if (this.exited) throw new Error(`the runtime has exited (${this.exited.code ?? this.exited.signal})`);
    const exitedMeanwhile = new Promise<never>((_, reject) => (this.exitWaiter = reject));
    const res = await Promise.race([this.nextPoll(), exitedMeanwhile]);
    const reply = new Promise<RuntimeRequest>((resolve) => (this.requestWaiter = (request) => {
      this.requestWaiter = undefined;
      resolve(request);
    }));
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
    res.end(body);
    // Bounded: a runtime that neither answers nor exits is a hang, reported as such.
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the runtime neither answered nor exited within ${EXCHANGE_LIMIT_MS} ms`)), EXCHANGE_LIMIT_MS);
    });
    try {
      return await Promise.race([reply, exitedMeanwhile, hung]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await gone;
    }
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    this.capture.flush();
  }
}
