import type { BackendClient } from '@synapse/sdk';
import {
  AuthenticationError,
  ConnectionError,
  isValidationError,
  PermissionDeniedError,
  TimeoutError,
} from '@synapse/sdk';

/** Turns what stops the demo before anything ran into one line for the user, or undefined when it is not such a case. */
export function fatalLine(error: unknown, backendUrl: string): string | undefined {
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    const detail = (error.body as { detail?: unknown } | undefined)?.detail;
    return `The token was refused by the Synapse backend at ${backendUrl} (${error.status}${detail ? ` ${String(detail)}` : ''}). Check SYNAPSE_API_TOKEN.`;
  }
  if (error instanceof ConnectionError || error instanceof TimeoutError) {
    return `Cannot reach the Synapse backend at ${backendUrl} (${String(error.reason ?? error.message)}). Check SYNAPSE_BASE_URL.`;
  }
  if (isValidationError(error)) return `The settings were refused: ${error.message}`;
  return undefined;
}

/** One cheap authenticated request, so a wrong token or URL is reported before any workflow starts. */
export async function preflight(backend: BackendClient): Promise<void> {
  await backend.listDataCollection({ maxRetries: 1 });
}
