import { defineConfig, type Options } from 'tsup';
import shared from '../../tsup.shared';

// Two entries share one copy of every module in both formats (CJS split too): an error class from
// `@synapse/core/internal` is the very class `@synapse/core` exports, so `instanceof` holds across them.
export default defineConfig({
  ...(shared as Options),
  entry: ['src/index.ts', 'src/internal.ts'],
  splitting: true,
});
