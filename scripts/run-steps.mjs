// Runs the steps of a root command (`pnpm check`, the demo) one after another, each with the environment
// stepEnv gives, and stops at the first failing step with its exit code, as `a && b && c` would.
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';

/** Whether the steps print without colour: output to a file or a pipe, unless the caller forces colour. */
export function plainOutput(env, stdoutIsTTY) {
  if (env.NO_COLOR) return true;
  return !stdoutIsTTY && env.FORCE_COLOR === undefined;
}

/** The environment every step runs with: turbo's telemetry notice off, and NO_COLOR when the output is plain. */
export function stepEnv(env, stdoutIsTTY) {
  const quiet = { ...env, TURBO_TELEMETRY_DISABLED: '1' };
  if (plainOutput(env, stdoutIsTTY)) quiet.NO_COLOR = '1';
  return quiet;
}

/** Runs `steps` (each `[command, ...args]`) in order; exits with the first non-zero status. */
export function runSteps(steps) {
  const env = stepEnv(process.env, process.stdout.isTTY === true);
  for (const [command, ...args] of steps) {
    const { status, signal, error } = spawnSync(command, args, { stdio: 'inherit', env });
    if (error) throw error;
    // A step killed by a signal exits the way a shell reports it: 128 + the signal's number.
    if (signal) process.exit(128 + (constants.signals[signal] ?? 0));
    if (status !== 0) process.exit(status);
  }
}
