import { CommanderError } from 'commander';
import type { CommandContext } from './context.js';
import { ExitCode } from './exit-codes.js';
import { describeFailure } from './failure.js';
import { type CliIo, processIo } from './io.js';
import { buildProgram } from './program.js';

/** Commander's ways of ending that are not failures: `--help`, `--version`. */
const CLEAN_EXITS = new Set(['commander.helpDisplayed', 'commander.version']);

/**
 * Runs the `synapse` command with `args` (without `node` and the script) and resolves to its exit code, never
 * rejecting: a failure is one line on stderr (its stack as well with `--debug`). Ctrl-C (SIGINT) aborts the
 * command's requests through one signal, so an upload stops with its journal consistent.
 */
export async function runCli(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const context: CommandContext = { io, signal: controller.signal };
  try {
    await buildProgram(context).parseAsync([...args], { from: 'user' });
    return context.exitCode ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return CLEAN_EXITS.has(error.code) ? ExitCode.ok : ExitCode.usage;
    }
    const failure = describeFailure(error);
    io.stderr.write(`synapse: ${failure.line}\n`);
    if (args.includes('--debug') && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return failure.exitCode;
  } finally {
    process.off('SIGINT', interrupt);
  }
}
