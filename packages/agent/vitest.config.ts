import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The reply models are tested against their schemas too (test/*.test-d.ts, checked by tsc through vitest).
export default mergeConfig(shared, {
  test: { typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' } },
});
