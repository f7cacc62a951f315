// `npm run demo` after the set-up: builds the demo and what it depends on (a line per package that builds, a
// failing build's output in full), then runs it with the flags given (`npm run demo -- --json`); the demo's own
// summary line is the last one printed.
import { fileURLToPath } from 'node:url';
import { runSteps } from './run-steps.mjs';

/** The steps of `npm run demo` with the demo's flags `args`. */
export function demoSteps(args) {
  return [
    ['pnpm', 'turbo', 'run', 'build', '--filter=@synapse/demo...', '--output-logs=new-only'],
    // The demo drops the `--` pnpm passes on; without it, pnpm would read `--help` as its own.
    ['pnpm', '--filter', '@synapse/demo', 'start', '--', ...args],
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runSteps(demoSteps(process.argv.slice(2)));
