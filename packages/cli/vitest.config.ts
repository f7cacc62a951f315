import { defineConfig } from 'vitest/config';

// The CLI is tested end to end: each test spawns the built `dist/cli.js` (the `test` script builds first) against
// an emulator on a free loopback port. The SDK packages run their suites once per transport; the CLI runs once,
// on the default transport, as it is what a user gets.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-results.json' },
  },
});
