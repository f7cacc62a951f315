import { defineConfig } from 'tsup';
import shared from '../../tsup.shared';

// The shared build, plus the two builds of the runtime seam that `#runtime` (package.json `imports`) picks from.
export default defineConfig({
  ...shared,
  entry: ['src/index.ts', 'src/runtime/node.ts', 'src/runtime/platform.ts'],
  external: ['#runtime'],
});
