import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Tests run the sources on Node, so the runtime seam is Node's. The entries' types are tested too
// (test/*.test-d.ts, checked by tsc through vitest), except under mutation testing: there tsc would run for every
// mutant, and a mutant's type error is not a test's verdict.
const typecheck = process.env.STRYKER_MUTATOR_WORKER === undefined;

export default mergeConfig(shared, {
  resolve: { alias: { '#runtime': fileURLToPath(new URL('./src/runtime/node.ts', import.meta.url)) } },
  test: { typecheck: { enabled: typecheck, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' } },
});
