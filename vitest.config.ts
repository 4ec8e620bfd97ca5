import { defineConfig } from 'vitest/config';

// One config for every package: unit tests sit beside the code, end-to-end tests in test/.
// Tests run against built output (`pnpm build` first) because end-to-end tests spawn
// the real bootstrap and CLI as child processes.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'bench/*/test/**/*.test.mjs'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/reliability/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    typecheck: { enabled: true, tsconfig: './tsconfig.typecheck.json', include: ['packages/*/src/**/*.test-d.ts'] },
  },
});
