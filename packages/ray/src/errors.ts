import { type ClientError, errorForStatus, isClientError } from '@synapse/core/internal';

/** The useful line of a Ray message: the last non-empty line of a traceback, or the whole short text. */
function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines.at(-1) ?? '').trim().slice(0, 300);
}

/** The `msg` of a `{result: false, msg}` envelope, when the reply has one. */
function envelopeMessage(body: unknown): string {
  const msg = (body as { msg?: unknown } | null | undefined)?.msg;
  return typeof msg === 'string' ? lastLine(msg) : '';
}

/**
 * Adds the `msg` of a State API error body (`{result: false, msg}`) to the message of an HTTP error, when the
 * message does not show it already (a traceback in `msg` is escaped in the quoted JSON body, or cut off); the
 * error is otherwise unchanged. Plain-text bodies (Jobs and Serve APIs) are quoted by the message itself.
 */
export function withRayDetail(error: unknown): unknown {
  if (!isClientError(error)) return error;
  const detail = envelopeMessage(error.body);
  if (detail && !error.message.includes(detail)) error.message = `${error.message}: ${detail}`;
  return error;
}

/** A reply whose envelope says `result: false` (Python: `ClientError(200, msg)` on the legacy routes). */
export function envelopeError(status: number, msg: unknown): ClientError {
  // No `msg` at all says nothing: 'request failed' rather than a quoted empty string.
  const text = typeof msg === 'string' ? msg : (JSON.stringify(msg) ?? '');
  return errorForStatus(status, `Ray: ${text || 'request failed'}`.slice(0, 500), {
    reason: msg,
    clientName: 'Ray',
  });
}
