import { defineConfig } from 'tsup';

/** How every published package is built: ESM + CJS + type declarations from `src/index.ts`. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
