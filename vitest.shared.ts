import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The transports the SDK sends with on Node, each with the environment that selects it: every test runs once
 * per transport, as the vitest project of that name (`vitest run --project fetch` runs one). The undici one
 * sets the variable empty, which counts as unset, so the default transport runs whatever the shell has set.
 */
const TRANSPORTS: Record<string, Record<string, string>> = {
  undici: { SYNAPSE_TRANSPORT: '' },
  fetch: { SYNAPSE_TRANSPORT: 'fetch' },
};

const transportSetup = fileURLToPath(new URL('./vitest.transport-setup.ts', import.meta.url));

/**
 * Settings every package's tests share: the JSON report feeds the closing summary of `pnpm test`. Type tests
 * (`test/*.test-d.ts`) are not run here: each package's tsconfig includes `test`, so its `typecheck` step (tsc)
 * fails on any of their assertions.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-results.json' },
    projects: Object.entries(TRANSPORTS).map(([name, env]) => ({
      extends: true,
      test: { name, env, setupFiles: [transportSetup] },
    })),
  },
});
