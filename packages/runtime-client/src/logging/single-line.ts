// One log entry must stay one line for every line-oriented reader (the platform splits
// stdout on LF; editors and log viewers also break on VT, FF, NEL and the Unicode line and
// paragraph separators). Lambda's own convention is to turn line breaks into CR, which
// CloudWatch keeps inside the entry, so every such terminator becomes CR.
// CRLF collapses to one CR rather than two.
const LINE_BREAKS = /\r\n|[\n\u000b\u000c\u0085\u2028\u2029]/g;

export function toSingleLine(text: string): string {
  return text.replace(LINE_BREAKS, '\r');
}
