import { PackagingError } from './errors.js';
import { createProgress, type Progress } from './progress.js';

/**
 * Where a packaging command's words go. Human mode: the report on stdout, warnings and
 * progress on stderr. --quiet: warnings only. --json: exactly one JSON document on stdout
 * (warnings inside it), nothing else, so machines can parse it.
 */
export class Output {
  readonly progress: Progress;
  private readonly warnings: string[] = [];

  constructor(
    private readonly command: string,
    readonly mode: { json: boolean; quiet: boolean },
  ) {
    this.progress = createProgress({ silent: mode.json || mode.quiet });
  }

  info(text: string): void {
    if (!this.mode.json && !this.mode.quiet) process.stdout.write(`${text}\n`);
  }

  warn(text: string): void {
    this.warnings.push(text);
    if (!this.mode.json) process.stderr.write(`thaw ${this.command}: warning: ${text}\n`);
  }

  /** The machine-readable result (--json only). */
  result(value: Record<string, unknown>): void {
    if (this.mode.json) process.stdout.write(`${JSON.stringify({ ok: true, ...value, warnings: this.warnings }, null, 2)}\n`);
  }

  /** Runs the command body; a PackagingError becomes a clear message and exit code 1. */
  async run(body: () => Promise<number>): Promise<number> {
    try {
      return await body();
    } catch (error) {
      if (!(error instanceof PackagingError)) throw error;
      if (this.mode.json) {
        process.stdout.write(`${JSON.stringify({ ok: false, error: { name: error.name, message: error.message }, warnings: this.warnings }, null, 2)}\n`);
      }
      process.stderr.write(`thaw ${this.command}: ${error.message}\n`);
      return 1;
    }
  }
}
