/**
 * Progress for long steps (fetching Node, zipping). A minimal TTY-aware line rather than a
 * library: on a terminal one line is redrawn in place; in a log (CI, pipes) only the final
 * line of each step is written, so logs stay short. Silent with --quiet or --json.
 */
export interface ProgressStep {
  update(detail: string): void;
  done(summary: string): void;
  fail(): void;
}

export interface Progress {
  step(label: string): ProgressStep;
}

const REDRAW_EVERY_MS = 80;

export function createProgress(options: { silent: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.silent) return { step: () => ({ update() {}, done() {}, fail() {} }) };
  const tty = stream.isTTY === true;
  return {
    step(label) {
      const started = Date.now();
      let lastDraw = 0;
      const draw = (text: string) => {
        // Cut to the terminal width so the line never wraps (a wrapped line cannot be redrawn).
        const width = stream.columns ?? 80;
        stream.write(`\r\x1b[2K${text.length >= width ? `${text.slice(0, width - 2)}…` : text}`);
      };
      if (tty) draw(`${label}…`);
      return {
        update(detail) {
          const now = Date.now();
          if (!tty || now - lastDraw < REDRAW_EVERY_MS) return;
          lastDraw = now;
          draw(`${label}… ${detail}`);
        },
        done(summary) {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          if (tty) stream.write('\r\x1b[2K');
          stream.write(`✓ ${summary} (${seconds} s)\n`);
        },
        fail() {
          if (tty) stream.write(`\r\x1b[2K✗ ${label} failed\n`);
          else stream.write(`✗ ${label} failed\n`);
        },
      };
    },
  };
}
