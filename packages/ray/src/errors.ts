import { type ClientError, errorForStatus, isClientError } from '@synapse/core';

/** The useful line of a Ray text error: the last non-empty line of a traceback, or the whole short text. */
function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines.at(-1) ?? '').trim().slice(0, 300);
}

/** What a Ray error body says, when it says something: text, or the `msg` of a `{result: false}` envelope. */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return lastLine(body);
  if (typeof body === 'object' && body !== null && typeof (body as { msg?: unknown }).msg === 'string') {
    return lastLine((body as { msg: string }).msg);
  }
  return '';
}

/**
 * Adds the text of Ray's error body (plain text on the Jobs and Serve APIs, `{result: false, msg}` on the State
 * API) to the message of an HTTP error; status, reason, body and class are kept.
 */
export function withRayDetail(error: unknown): unknown {
  if (!isClientError(error)) return error;
  const detail = bodyText(error.body);
  if (!detail || error.message.includes(detail)) return error;
  return errorForStatus(error.status, `${error.message}: ${detail}`, {
    reason: error.reason,
    body: error.body,
    headers: error.headers,
    method: error.method,
    url: error.url,
    clientName: error.clientName,
    cause: error,
  });
}

/** A reply whose envelope says `result: false` (Python: `ClientError(200, msg)` on the legacy routes). */
export function envelopeError(status: number, msg: unknown): ClientError {
  const text = typeof msg === 'string' ? msg : JSON.stringify(msg ?? '');
  return errorForStatus(status, `Ray: ${text || 'request failed'}`.slice(0, 500), {
    reason: msg,
    clientName: 'Ray',
  });
}
