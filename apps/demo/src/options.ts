import { parseArgs } from 'node:util';

/** `text` for people; `quiet` and `json` for scripts. */
export type OutputMode = 'text' | 'quiet' | 'json';

export interface DemoOptions {
  help: boolean;
  mode: OutputMode;
}

/** A flag the demo does not know, or two that do not go together; printed as one line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const HELP = `Usage: npm run demo -- [--quiet | --json]   (from the repository root)

Runs the documented Synapse workflows with @synapse/sdk, against the in-process emulator or the
backend named by SYNAPSE_BASE_URL and SYNAPSE_API_TOKEN (see apps/demo/README.md).

Options:
  -q, --quiet   print only the final summary line; failures still go to stderr
      --json    print one JSON object on one line when the demo ends, and nothing else on stdout:
                each workflow with its steps (name, call, status, ms, error) and the summary
  -h, --help    print this help

Exit status: 0 when every workflow succeeded, 1 otherwise, 2 for a wrong flag.
`;

export function readOptions(args: readonly string[]): DemoOptions {
  // `pnpm start -- --json` hands the script the `--` too.
  const flags = args[0] === '--' ? args.slice(1) : [...args];
  let values: { help?: boolean; quiet?: boolean; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: flags,
      options: {
        help: { type: 'boolean', short: 'h' },
        quiet: { type: 'boolean', short: 'q' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.quiet && values.json) throw new UsageError('--quiet and --json cannot be used together');
  return { help: values.help ?? false, mode: values.json ? 'json' : values.quiet ? 'quiet' : 'text' };
}
