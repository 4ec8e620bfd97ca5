// Lambda's convention, kept byte for byte as the official client does it: every "\n" in
// a Text entry becomes "\r", which CloudWatch keeps inside the entry (the platform splits
// stdout on "\n" only). Nothing else changes: CRLF becomes "\r\r", and other characters
// stay as they are, so a line compares equal to the official client's.
export function toSingleLine(text: string): string {
  return text.replaceAll('\n', '\r');
}
