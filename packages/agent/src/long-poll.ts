import {
  type ClientError,
  type ClientHooks,
  errorForStatus,
  type HookedRequest,
  isSynapseError,
  type Redactor,
  TimeoutError,
  ValidationError,
} from '@synapse/core';
import type { LongPollHandler, LongPollRequest } from './schemas.js';

function clientError(status: number, reason: unknown, redactor: Redactor): ClientError {
  const safe = redactor.value(reason);
  const text = typeof safe === 'string' ? safe : JSON.stringify(safe);
  return errorForStatus(status, `Agent long poll: ${status} ${text.slice(0, 300)}`, {
    reason: safe,
    body: safe,
    clientName: 'Agent',
  });
}

function isTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, status } = error as { name?: unknown; status?: unknown };
  return name === 'TimeoutError' || status === 408;
}

/** Refuses a request the long-poll channel cannot carry (Python raises the same 400). */
export function assertLongPollable(form: unknown): void {
  if (form !== undefined && form !== null) {
    throw errorForStatus(400, 'file is not allowed when long polling', {
      reason: 'file is not allowed when long polling',
      clientName: 'Agent',
    });
  }
}

/** The error the streaming methods raise in long-poll mode. */
export function longPollUnsupported(method: string): ClientError {
  const message = `"${method}" does not support long polling`;
  return errorForStatus(400, message, { reason: message, clientName: 'Agent' });
}

/**
 * Python `AgentClient._request` in long-poll mode: hands the request to the handler, waits for its response,
 * and maps it like an HTTP reply. Unlike Python (which calls `.json()` on a dict for a 400 and fails with an
 * AttributeError), a 400 carries the response's `data` (or its `reason`) as the error reason.
 */
export async function longPollRequest(
  handler: LongPollHandler,
  request: LongPollRequest,
  redactor: Redactor,
): Promise<unknown> {
  const id = await handler.setRequest(request);
  let response: Awaited<ReturnType<LongPollHandler['getResponse']>>;
  try {
    response = await handler.getResponse(id);
  } catch (error) {
    if (isTimeout(error)) {
      throw new TimeoutError('Agent is not responding', {
        reason: 'Agent is not responding',
        clientName: 'Agent',
        phase: 'read',
        cause: error,
      });
    }
    throw error;
  }
  const status = Number(response.status);
  if (status >= 400 && status < 600) {
    const reason = status === 400 ? (response.data ?? response.reason) : response.reason;
    throw clientError(status, reason ?? '', redactor);
  }
  return response.data;
}

/**
 * The client hook of long-poll mode: every request goes to the handler instead of HTTP. The handler's own errors
 * are the caller's and pass unchanged; the SDK's are cleaned like any other.
 */
export function longPollSender(handler: LongPollHandler | undefined): ClientHooks['sendRequest'] {
  if (handler === undefined) return undefined;
  // `?.`: a JavaScript caller may pass null.
  if (typeof handler?.setRequest !== 'function' || typeof handler.getResponse !== 'function') {
    throw new ValidationError('longPollHandler needs setRequest and getResponse methods', {
      argument: 'longPollHandler',
    });
  }
  return async ({ method, path, options, authHeaders, redactor }: HookedRequest) => {
    assertLongPollable(options.form);
    const request: LongPollRequest = {
      method,
      path,
      headers: { ...authHeaders, 'Content-Type': 'application/json', ...options.headers },
    };
    if (options.params) request.params = { ...options.params };
    if (options.data !== undefined) request.data = options.data;
    try {
      return await longPollRequest(handler, request, redactor);
    } catch (error) {
      throw isSynapseError(error) ? redactor.error(error) : error;
    }
  };
}
