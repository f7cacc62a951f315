/**
 * `@synapse/cli`: the `synapse` command. Its API is the command line (see the README); this entry runs it from
 * code, e.g. in a script that wants the exit code without spawning a process.
 */

export { ExitCode, type ExitCodeValue } from './exit-codes.js';
export type { CliIo, OutputStream } from './io.js';
export { runCli } from './run.js';
