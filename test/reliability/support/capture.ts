// Everything the suite sees the runtime (and the tools) print or send is kept here, so that
// the final secrets scan covers all of it, not a sample.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InvokeResult, TrafficRecord } from '@thaw/emulator';
import { CAPTURE_DIR } from './paths.js';

const FLUSH_BYTES = 1 << 20;

/** An append-only capture file (mode 0600), buffered so that a soak does not write per line. */
export class Capture {
  private pending: string[] = [];
  private size = 0;
  readonly file: string;

  constructor(name: string) {
    mkdirSync(CAPTURE_DIR, { recursive: true, mode: 0o700 });
    this.file = join(CAPTURE_DIR, `${name}.log`);
  }

  line(text: string): void {
    this.pending.push(text);
    this.size += text.length + 1;
    if (this.size >= FLUSH_BYTES) this.flush();
  }

  traffic(records: readonly TrafficRecord[]): void {
    for (const record of records) {
      this.line(`${record.method} ${record.path} ${record.status} ${JSON.stringify(record.headers)}`);
      if (record.body.length > 0) this.line(record.body.toString('latin1'));
    }
  }

  /** The caller's payload, the attributed log lines and the Runtime API traffic of one invocation. */
  result(result: InvokeResult): void {
    this.line(`invoke ${result.requestId} ${result.status}`);
    this.line(result.payload.toString('latin1'));
    for (const log of result.logs) this.line(log);
    this.traffic(result.traffic);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    appendFileSync(this.file, `${this.pending.join('\n')}\n`, { mode: 0o600 });
    this.pending = [];
    this.size = 0;
  }
}
