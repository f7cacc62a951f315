import { defineConfig } from 'vitest/config';

// Each runtime is a process of its own (or a browser) against one emulator: no transport projects here.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-results.json' },
  },
});
