/**
 * The X-Ray trace id Powertools prints (`xray_trace_id`): the platform's invoke store's
 * value when there is one, else `_X_AMZN_TRACE_ID`, and of `Root=...;Parent=...` only the
 * Root. The variable changes with every invocation, so it is read each time; the parsing is
 * kept for as long as the text is the same.
 */
type StoreGlobal = { awslambda?: { InvokeStore?: { getXRayTraceId?(): string | undefined } } };

let lastText: string | undefined;
let lastRoot: string | undefined;

export function currentTraceId(): string | undefined {
  const text = (globalThis as StoreGlobal).awslambda?.InvokeStore?.getXRayTraceId?.() ?? (process.env._X_AMZN_TRACE_ID ?? '').trim();
  if (text === lastText) return lastRoot;
  lastText = text;
  lastRoot = rootOf(text);
  return lastRoot;
}

function rootOf(text: string): string | undefined {
  if (text === '') return undefined;
  if (!text.includes('=')) return text;
  let root: string | undefined;
  for (const field of text.split(';')) {
    const [key, value] = field.split('=');
    if (key === 'Root') root = value;
  }
  return root;
}
