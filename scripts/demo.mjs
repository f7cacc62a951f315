// `npm run demo` after the set-up: builds the demo and what it depends on (a line per package that builds, a
// failing build's output in full), then runs it with the flags given (`npm run demo -- --json`); the demo's own
// summary line is the last one printed.
import { runSteps } from './run-steps.mjs';

runSteps([
  ['pnpm', 'turbo', 'run', 'build', '--filter=@synapse/demo...', '--output-logs=new-only'],
  ['pnpm', '--filter', '@synapse/demo', 'start', '--', ...process.argv.slice(2)],
]);
