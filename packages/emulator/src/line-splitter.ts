// Turns a byte stream into text lines. A runtime that never prints a newline cannot make the
// emulator buffer without bound: an over-long partial line is emitted as it stands.
import { StringDecoder } from 'node:string_decoder';

const MAX_PARTIAL_LINE = 256 * 1024;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.partial + this.decoder.write(chunk);
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) this.emit(part.endsWith('\r') ? part.slice(0, -1) : part);
    if (this.partial.length > MAX_PARTIAL_LINE) {
      this.emit(this.partial);
      this.partial = '';
    }
  }

  /** Emits what is left when the stream ends without a final newline. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest !== '') this.emit(rest);
  }
}
