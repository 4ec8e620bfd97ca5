// An example function that loads its configuration during the init phase and reuses it
// across warm invocations.
//
// - `greeting` comes from a file beside the handler: loaded once, kept forever.
// - `flags` come from a config service (FLAGS_URL); they stay fresh for FLAGS_TTL_MS and are
//   then refreshed in the background while the old flags keep serving (stale-while-refresh).
//   If the service is down, the last flags keep serving for up to an hour (stale-if-error).
//
// Deploy it with `thaw build` / `thaw invoke`, or copy it: it runs unchanged on AWS's
// managed nodejs22.x and nodejs24.x runtimes.
import { readFile } from 'node:fs/promises';
import { initCache, initCacheMiddleware, lambda } from '@thaw/middleware';

const FLAGS_URL = process.env.FLAGS_URL;
const FLAGS_TTL_MS = Number(process.env.FLAGS_TTL_MS ?? 60_000);
const ONE_HOUR_MS = 3_600_000;

async function fetchFlags() {
  if (!FLAGS_URL) return { source: 'defaults', darkMode: false };
  // A timeout of our own: a hung config service must not hold the invocation until it times out.
  const response = await fetch(FLAGS_URL, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`flags service answered ${response.status}`);
  return response.json();
}

// Declared at module scope: both loads start now, during init, in parallel.
const config = initCache(
  {
    greeting: async () => JSON.parse(await readFile(new URL('./greeting.json', import.meta.url), 'utf8')).greeting,
    flags: {
      load: fetchFlags,
      ttlMs: FLAGS_TTL_MS,
      refresh: 'stale-while-refresh',
      staleIfErrorMs: ONE_HOUR_MS,
    },
  },
  { name: 'example-config' },
);

export const handler = lambda()
  .use(initCacheMiddleware(config, { contextKey: 'config' }))
  .handler(async (event, context) => {
    const { greeting, flags } = context.config;
    const { hits, misses, refreshes, loads } = config.stats().totals;
    return {
      message: `${greeting}, ${event?.name ?? 'stranger'}`,
      flags,
      cache: { hits, misses, refreshes, loads },
    };
  });
