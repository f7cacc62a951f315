import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Type tests (test/*.test-d.ts) run too, checked by tsc through vitest.
export default mergeConfig(shared, {
  test: { typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' } },
});
