import { defineConfig, type Options } from 'tsup';
import shared from '../../tsup.shared';

// Two entries share one copy of every module in both formats (CJS split too): an error class from
// `@synapse/core/internal` is the very class `@synapse/core` exports, so `instanceof` holds across them. The two
// builds of the runtime seam are entries of their own, which `#runtime` (package.json `imports`) picks from.
export default defineConfig({
  ...(shared as Options),
  entry: ['src/index.ts', 'src/internal.ts', 'src/runtime/node.ts', 'src/runtime/platform.ts'],
  splitting: true,
  external: ['#runtime'],
});
