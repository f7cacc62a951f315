import type { Printer } from './printer.js';
import { silentPrinter } from './silent-printer.js';
import { createTextPrinter } from './text-printer.js';

/** `--quiet`: the summary line on stdout, failures on stderr, nothing else. */
export function createQuietPrinter(
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Printer {
  return {
    ...silentPrinter(),
    workflowFailed: createTextPrinter(out, err).workflowFailed,
    finish: (summary) => out.write(`${summary.text}\n`),
  };
}
