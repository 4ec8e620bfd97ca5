// Reading a run of ASCII digits by hand: the parsers on the cold-start path (the Runtime API
// address, the HTTP status line, the telemetry fd) avoid regular expressions, each of which
// costs about 0.1 ms to compile on the first use in a process.

/**
 * The number spelled by the ASCII digits of `text` from `start` to `end` (exclusive), or
 * undefined when that range is empty, runs past the text or holds anything but 0-9.
 */
export function digitsValue(text: string, start: number, end: number): number | undefined {
  if (start >= end || end > text.length) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}
