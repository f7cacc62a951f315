import type { Printer } from './printer.js';
import { silentBar } from './progress.js';

/** A printer that shows nothing; the output modes made for scripts override what they show. */
export function silentPrinter(): Printer {
  const nothing = () => {};
  return {
    start: nothing,
    workflowStarted: nothing,
    workflowSkipped: nothing,
    workflowFailed: nothing,
    stepStarted: nothing,
    stepEnded: nothing,
    ok: nothing,
    detail: nothing,
    progress: silentBar,
    finish: nothing,
  };
}
