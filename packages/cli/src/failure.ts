import { isAbortError, isClientError, isResponseValidationError, isValidationError } from '@synapse/core';
import { CliError, ExitCode, type ExitCodeValue } from './exit-codes.js';

/** What the CLI prints (one line on stderr) and exits with for an error. */
export interface Failure {
  line: string;
  exitCode: ExitCodeValue;
}

const CLIENT_ERROR_CODES: Record<string, ExitCodeValue> = {
  AuthenticationError: ExitCode.auth,
  PermissionDeniedError: ExitCode.auth,
  ConnectionError: ExitCode.connection,
  TimeoutError: ExitCode.connection,
  NotFoundError: ExitCode.notFound,
};

function clientFailure(error: Error & { status: number; url?: string; clientName?: string }): Failure {
  const exitCode = CLIENT_ERROR_CODES[error.name] ?? ExitCode.failed;
  const service = error.clientName ?? 'Backend';
  if (exitCode === ExitCode.auth) {
    const hint =
      service === 'Ray'
        ? 'check the dashboard headers'
        : 'check --token, SYNAPSE_API_TOKEN or `synapse login`';
    return {
      line: `The ${service.toLowerCase()} refused the credentials: ${error.message} (${hint})`,
      exitCode,
    };
  }
  if (exitCode === ExitCode.connection) {
    return { line: `Cannot reach the ${service.toLowerCase()}: ${error.message}`, exitCode };
  }
  return { line: error.message, exitCode };
}

/** A Node file-system error (`ENOENT`, `EACCES` …) in one line, naming the path. */
function fileFailure(error: NodeJS.ErrnoException): Failure | undefined {
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
  };
  const reason = error.code === undefined ? undefined : reasons[error.code];
  if (reason === undefined) return undefined;
  return { line: `${error.path ?? 'file'}: ${reason}`, exitCode: ExitCode.usage };
}

/**
 * Turns anything a command threw into one line and an exit code. The SDK's errors carry no secrets (core redacts
 * tokens from messages and URLs), so their messages are printed as they are.
 */
export function describeFailure(error: unknown): Failure {
  if (error instanceof CliError) return { line: error.message, exitCode: error.exitCode };
  if (isAbortError(error)) return { line: 'Interrupted.', exitCode: ExitCode.interrupted };
  if (isValidationError(error)) return { line: `Invalid input: ${error.message}`, exitCode: ExitCode.usage };
  if (isClientError(error)) return clientFailure(error);
  if (isResponseValidationError(error)) {
    return { line: `Unexpected reply from the server: ${error.message}`, exitCode: ExitCode.failed };
  }
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    const failure = fileFailure(error as NodeJS.ErrnoException);
    if (failure !== undefined) return failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `Unexpected error: ${message}`, exitCode: ExitCode.failed };
}
