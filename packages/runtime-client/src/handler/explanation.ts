// Our diagnosis of an init failure (the file searched, the exports found, what to do).
// It cannot go in the error itself: the error's type and message must be the platform's,
// and its own properties are printed in the "Init Error" line. So it travels beside the
// error, and the init code logs it as a line of its own before the error is reported.
const explanations = new WeakMap<object, string>();

/** Attaches `text` to `error` and returns the error, for `throw explained(error, text)`. */
export function explained<T>(error: T, text: string): T {
  if (typeof error === 'object' && error !== null) explanations.set(error, text);
  return error;
}

export function explanationOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? explanations.get(error) : undefined;
}
