/**
 * The exit codes of the `synapse` command, for scripts: 0 all done, 1 something failed (an upload with failed
 * records, a Ray job that did not succeed, a server error), 2 bad input or usage (nothing was sent), 3 the
 * token was refused, 4 the server could not be reached or timed out, 5 a resource was not found, 130
 * interrupted (Ctrl-C).
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  auth: 3,
  connection: 4,
  notFound: 5,
  interrupted: 130,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI explains in one line, with the exit code it ends with. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCodeValue;

  constructor(message: string, exitCode: ExitCodeValue = ExitCode.usage) {
    super(message);
    this.exitCode = exitCode;
  }
}
