import {
  AbortError,
  type ClientError,
  ConnectionError,
  errorForStatus,
  TimeoutError,
  type ValidationError,
} from './errors.js';
import type { Redactor } from './redact.js';
import { parseRetryAfter } from './retry.js';
import { reasonPhrase } from './status-text.js';
import type { TransportFailure } from './transport.js';

/** What every error a client builds knows: whose it is, and the secrets it must not show. */
export interface ErrorContext {
  clientName: string;
  redactor: Redactor;
}

/** An HTTP reply that is not a success, as the error factory needs it. */
export interface FailedReply {
  status: number;
  statusText: string;
  headers: Headers | Record<string, string>;
  body: unknown;
}

function lastLine(text: string): string {
  const trimmed = text.trim();
  return trimmed.slice(trimmed.lastIndexOf('\n') + 1).trim();
}

function headerRecord(headers: Headers | Record<string, string>): Record<string, string> {
  return headers instanceof Headers ? Object.fromEntries(headers.entries()) : headers;
}

/**
 * The error for an HTTP reply that failed (Python: `ClientError(status, reason)`). Its message quotes what the
 * server said (a 401's "Invalid token." and "Authentication credentials were not provided." call for different
 * fixes). Secrets are removed on the way out.
 */
export function responseError(
  ctx: ErrorContext,
  reply: FailedReply,
  method: string,
  url: string,
): ClientError {
  const phrase = reply.statusText || reasonPhrase(reply.status);
  // Of a text body, the last line says what went wrong (a traceback ends with it); an HTML page says nothing.
  const text = typeof reply.body === 'string' ? lastLine(reply.body) : JSON.stringify(reply.body);
  const detail = text && !text.startsWith('<') ? ` ${ctx.redactor.text(text).slice(0, 300)}` : '';
  const headers = headerRecord(reply.headers);
  const error = errorForStatus(
    reply.status,
    `${ctx.clientName} ${method} ${url}: ${reply.status} ${phrase}${detail}`,
    {
      reason: reply.status === 400 ? reply.body : phrase,
      body: reply.body,
      headers,
      method,
      url,
      clientName: ctx.clientName,
      retryAfter: parseRetryAfter(headers['retry-after']),
    },
  );
  return ctx.redactor.error(error);
}

/**
 * The error for an exchange that got no reply, with the Python client's status and reason; a body that could not
 * be produced is the input error it is.
 */
export function failureError(
  ctx: ErrorContext,
  failure: TransportFailure,
  method: string,
  url: string,
  timeout: { connect: number; read: number },
): ClientError | AbortError | ValidationError {
  const name = ctx.clientName;
  const init = { method, url, clientName: name, cause: failure.cause };
  const where = `${method} ${url}`;
  let error: ClientError | AbortError | ValidationError;
  switch (failure.kind) {
    case 'input':
      error = failure.error;
      break;
    case 'aborted':
      error = new AbortError(`${name} ${where} was aborted`, { cause: init.cause });
      break;
    case 'timeout': {
      const limit = failure.phase === 'connect' ? timeout.connect : timeout.read;
      const reason = `${name} ${failure.phase} timeout (>${limit}s)`;
      error = new TimeoutError(`${reason}: ${where}`, { ...init, reason, phase: failure.phase });
      break;
    }
    case 'refused':
    case 'unreachable': {
      const reason = `${name} ${failure.kind === 'refused' ? 'connection refused' : 'host unreachable'}`;
      error = new ConnectionError(503, `${reason}: ${where}`, { ...init, reason });
      break;
    }
    case 'connection': {
      const reason = `${name} connection error: ${ctx.redactor.text(failure.detail).slice(0, 100)}`;
      error = new ConnectionError(503, `${reason} (${where})`, { ...init, reason });
      break;
    }
    case 'hidden': {
      const reason =
        `${name} request failed, and the browser hides why: most often CORS (the server does not allow this ` +
        "page's origin; the browser console names the header), else the server is unreachable or the connection dropped";
      error = new ConnectionError(503, `${reason} (${where})`, { ...init, reason });
      break;
    }
    case 'tls':
    case 'blocked': {
      const reason = `${name} ${failure.kind === 'tls' ? 'TLS error' : 'blocked port'}: ${failure.detail}`;
      error = new ConnectionError(503, `${reason} (${where})`, { ...init, reason });
      break;
    }
    default: {
      const reason = `${name} request failed: ${ctx.redactor.text(failure.detail).slice(0, 100)}`;
      error = new ConnectionError(500, `${reason} (${where})`, { ...init, reason });
    }
  }
  return ctx.redactor.error(error);
}
