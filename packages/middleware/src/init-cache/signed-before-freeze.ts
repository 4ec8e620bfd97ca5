/**
 * A request signed during init can be sent only after the environment thaws, minutes or
 * hours later (provisioned concurrency, or a load still in flight at the first freeze).
 * AWS then refuses the stale SigV4 signature. Such an error says nothing about the call
 * itself, so the load is tried again once, at once, with a fresh signature.
 */
export function isSignedBeforeFreezeError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const fields = error as { name?: unknown; code?: unknown; Code?: unknown; __type?: unknown; message?: unknown };
  for (const field of [fields.name, fields.code, fields.Code, fields.__type]) {
    if (typeof field === 'string' && field.endsWith('InvalidSignatureException')) return true;
  }
  return typeof fields.message === 'string' && /signature expired/i.test(fields.message);
}
