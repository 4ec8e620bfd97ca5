// Decodes the event only when the handler is about to get it: the body as UTF-8 in one
// step (a NUL byte is an ordinary character), then JSON.parse, exactly as the official
// client does. A body that is not JSON (an empty one, or one starting with a BOM,
// included) throws JSON.parse's own SyntaxError, which fails the invocation through the
// normal error path, as on the platform.
export function parseEvent(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8'));
}
