import { defineConfig } from 'tsup';

/** How every published package is built: ESM + CJS + type declarations from `src/index.ts`. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Errors only: a build is one line in turbo's log (its task and hash), not a table of every file's size.
  silent: true,
});
