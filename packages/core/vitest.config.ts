import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// Tests run the sources on Node, so the runtime seam is Node's. Type tests (test/*.test-d.ts) run too, checked by
// tsc through vitest.
export default mergeConfig(shared, {
  resolve: { alias: { '#runtime': fileURLToPath(new URL('./src/runtime/node.ts', import.meta.url)) } },
  test: { typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' } },
});
