import { defineConfig } from 'vitest/config';

/** Settings every package's tests share: the JSON report feeds the closing summary of `pnpm test`. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-results.json' },
  },
});
