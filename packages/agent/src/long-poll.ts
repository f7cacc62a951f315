import {
  type ClientError,
  type ClientHooks,
  type ErrorContext,
  errorForStatus,
  type HookedRequest,
  isSynapseError,
  parseOutput,
  responseError,
  TimeoutError,
  ValidationError,
} from '@synapse/core/internal';
import type { LongPollHandler, LongPollRequest } from './schemas.js';

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
  ctx: ErrorContext,
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
    // An HTTP reply like any other: a 400's reason is its body (the data, else the reason), the others' the phrase.
    const reply = {
      status,
      statusText: typeof response.reason === 'string' ? response.reason : '',
      headers: {},
      body: status === 400 ? (response.data ?? response.reason) : response.data,
    };
    throw responseError(ctx, reply, request.method, request.path);
  }
  return response.data;
}

/**
 * The client hook of long-poll mode: every request goes to the handler instead of HTTP, and its reply is checked by
 * the method's schema. The handler's own errors are the caller's and pass unchanged; the SDK's are cleaned like any
 * other.
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
      const data = await longPollRequest(handler, request, { clientName: 'Agent', redactor });
      // The method's schema checks a relayed reply as it checks one over HTTP.
      return options.schema ? parseOutput(options.schema, data, () => ({ method, url: path })) : data;
    } catch (error) {
      throw isSynapseError(error) ? redactor.error(error) : error;
    }
  };
}
