// `pnpm check` (the second half of `npm test`): lint, build, type-check and test every package, the API
// reports, the API reference's checks (every public export documented, no broken link), the install check, then
// the closing `Tests: …` line of test-summary.mjs, always last.
import { plainOutput, runSteps } from './run-steps.mjs';

// Biome ignores NO_COLOR; it takes its own switch.
const biomeColours = plainOutput(process.env, process.stdout.isTTY === true) ? ['--colors=off'] : [];

runSteps([
  ['pnpm', 'lint', ...biomeColours],
  ['pnpm', 'turbo', 'run', 'build', 'typecheck', 'test'],
  ['node', 'scripts/api-report.mjs', '--check'],
  ['pnpm', 'docs:check'],
  ['node', 'scripts/install-check/run.mjs'],
  ['node', 'scripts/test-summary.mjs'],
]);
