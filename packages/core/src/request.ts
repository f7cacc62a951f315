import type { GenericSchema } from 'valibot';
import { encodeBody, type RequestBody } from './body.js';
import { AbortError, type ClientError, ConnectionError, errorForStatus, TimeoutError } from './errors.js';
import type { ResolvedTransport, TimeoutOptions } from './options.js';
import { parseOutput, parseResponseText } from './parse.js';
import type { Redactor } from './redact.js';
import { isRetryable, parseRetryAfter, retryDelay, sleep } from './retry.js';
import { reasonPhrase } from './status-text.js';
import { type Attempt, readBody, type SentAttempt, type TransportFailure } from './transport.js';

/** Per-call options every method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeouts for this call (seconds). */
  timeout?: TimeoutOptions;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
}

export interface RequestOptions<T> extends CallOptions, RequestBody {
  /** Response schema; the result is validated (unknown keys kept) and typed by it. */
  schema?: GenericSchema<unknown, T>;
  /** Return the successful response unread, for streaming. */
  stream?: boolean;
  /** Values to mask in errors and logs for this call, besides the client's tokens (e.g. a token in the path). */
  secrets?: readonly string[];
}

/** What a client hands the pipeline: settings, auth and redaction, fixed at construction. */
export interface RequestContext {
  clientName: string;
  config: ResolvedTransport;
  authHeaders: Record<string, string>;
  redactor: Redactor;
  send: (attempt: Attempt) => Promise<SentAttempt>;
}

const PAYLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A copy of an error chain with secrets removed from every message: fetch errors quote the request URL, which
 * may hold a token (e.g. `agents/{token}/connect/`).
 */
export function redactCause(cause: unknown, redactor: Redactor, depth = 0): unknown {
  if (!(cause instanceof Error) || depth > 6) return cause;
  const copy = new Error(redactor.text(cause.message), {
    cause: redactCause((cause as { cause?: unknown }).cause, redactor, depth + 1),
  });
  copy.name = cause.name;
  copy.stack = `${copy.name}: ${copy.message}`;
  const code = (cause as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

/** Maps a transport failure to the Python client's status and reason. */
export function transportError(
  ctx: RequestContext,
  failure: TransportFailure,
  method: string,
  url: string,
  timeout: { connect: number; read: number },
): ClientError | AbortError {
  const name = ctx.clientName;
  const init = {
    method,
    url: ctx.redactor.text(url),
    clientName: name,
    cause: redactCause(failure.cause, ctx.redactor),
  };
  const where = `${method} ${init.url}`;
  switch (failure.kind) {
    case 'aborted':
      return new AbortError(`${name} ${where} was aborted`, { cause: init.cause });
    case 'timeout': {
      const limit = failure.phase === 'connect' ? timeout.connect : timeout.read;
      const reason = `${name} ${failure.phase} timeout (>${limit}s)`;
      return new TimeoutError(`${reason}: ${where}`, { ...init, reason, phase: failure.phase });
    }
    case 'refused':
    case 'unreachable': {
      const reason = `${name} ${failure.kind === 'refused' ? 'connection refused' : 'host unreachable'}`;
      return new ConnectionError(503, `${reason}: ${where}`, { ...init, reason });
    }
    case 'connection': {
      const reason = `${name} connection error: ${ctx.redactor.text(failure.detail).slice(0, 100)}`;
      return new ConnectionError(503, `${reason} (${where})`, { ...init, reason });
    }
    default: {
      const reason = `${name} request failed: ${ctx.redactor.text(failure.detail).slice(0, 100)}`;
      return new ConnectionError(500, `${reason} (${where})`, { ...init, reason });
    }
  }
}

function statusError(
  ctx: RequestContext,
  response: Response,
  body: unknown,
  method: string,
  url: string,
): ClientError {
  const redacted = ctx.redactor.value(body);
  const phrase = response.statusText || reasonPhrase(response.status);
  const reason = response.status === 400 ? redacted : phrase;
  let detail = '';
  if (response.status === 400 || response.status === 409 || response.status === 422) {
    const text = typeof redacted === 'string' ? redacted : JSON.stringify(redacted);
    detail = text ? ` ${text.slice(0, 300)}` : '';
  }
  const safeUrl = ctx.redactor.text(url);
  return errorForStatus(
    response.status,
    `${ctx.clientName} ${method} ${safeUrl}: ${response.status} ${phrase}${detail}`,
    {
      reason,
      body: redacted,
      headers: ctx.redactor.headers(response.headers),
      method,
      url: safeUrl,
      clientName: ctx.clientName,
      retryAfter: parseRetryAfter(response.headers.get('retry-after')),
    },
  );
}

/**
 * The one code path of every request: encode, send, retry with backoff, map errors, parse, validate.
 * Returns the parsed body, or the open `Response` when `options.stream` is set.
 */
export async function executeRequest<T>(
  ctx: RequestContext,
  method: string,
  url: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  if (options.secrets?.length) ctx = { ...ctx, redactor: ctx.redactor.with(options.secrets) };
  const { config, redactor } = ctx;
  const log = config.logger;
  const timeout = {
    connect: options.timeout?.connect ?? config.timeout.connect,
    read: options.timeout?.read ?? config.timeout.read,
  };
  const encoded = PAYLOAD_METHODS.has(method) ? encodeBody(options) : { body: undefined, headers: {} };
  const headers = { ...config.headers, ...ctx.authHeaders, ...encoded.headers, ...options.headers };
  const maxRetries = options.maxRetries ?? config.maxRetries;
  // Only logs and errors show the URL, with secrets masked: work done only when one is written.
  let safe: string | undefined;
  const safeUrl = () => (safe ??= redactor.text(url));

  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted)
      throw new AbortError(`${ctx.clientName} ${method} ${safeUrl()} was aborted`, {
        cause: options.signal.reason,
      });
    const started = Date.now();
    log?.debug(`→ ${method} ${safeUrl()}`, { attempt, headers: redactor.headers(headers) });
    const sent = await ctx.send({
      method,
      url,
      headers,
      body: encoded.body,
      timeout,
      signal: options.signal,
      stream: options.stream,
    });
    let failure: TransportFailure | undefined;
    let retryAfter: number | undefined;
    let error: ClientError | AbortError;

    if (sent.ok) {
      const { response } = sent;
      log?.debug(`← ${response.status} ${method} ${safeUrl()} (${Date.now() - started} ms)`);
      if (response.ok && options.stream) {
        // The stream's reader bounds each wait itself; the body deadline must not end it.
        sent.guard.release();
        return response as T;
      }
      const read = await readBody(response, sent.guard, options.signal);
      if (!read.ok) {
        failure = read.failure;
        error = transportError(ctx, failure, method, url, timeout);
      } else {
        const body = parseResponseText(read.text);
        if (response.ok) {
          return options.schema
            ? parseOutput(options.schema, body, () => `${method} ${safeUrl()}`)
            : (body as T);
        }
        error = statusError(ctx, response, body, method, url);
        retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        if (attempt >= maxRetries || !isRetryable(method, { status: response.status })) throw error;
      }
    } else {
      failure = sent.failure;
      error = transportError(ctx, failure, method, url, timeout);
      log?.debug(`✗ ${method} ${safeUrl()}: ${error.message}`);
    }
    if (failure && (attempt >= maxRetries || !isRetryable(method, failure))) throw error;

    const wait = retryDelay(attempt, config.retry, retryAfter);
    log?.debug(
      `retrying ${method} ${safeUrl()} in ${Math.round(wait * 1000)} ms (retry ${attempt + 1}/${maxRetries})`,
    );
    await sleep(wait, options.signal);
  }
}
