import type { GenericSchema } from 'valibot';
import { encodeBody, type RequestBody } from './body.js';
import { mergeHeaders } from './call-options.js';
import { type ErrorContext, failureError, responseError } from './error-factories.js';
import { AbortError, type ClientError, ValidationError } from './errors.js';
import { credentialSecrets, isCredentialHeader } from './headers.js';
import type { Logger } from './logger.js';
import type { ResolvedTransport, TimeoutOptions } from './options.js';
import { parseOutput, parseResponseText } from './parse.js';
import type { Redactor } from './redact.js';
import { type Hop, isRedirect, nextHop } from './redirect.js';
import { isRetryable, parseRetryAfter, retryDelay, sleep } from './retry.js';
import { type Attempt, readBody, type SentAttempt, type TransportFailure } from './transport.js';
import type { QueryParams } from './url.js';

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
  /** Send none of the client's credentials (e.g. a presigned file URL on a storage host). */
  anonymous?: boolean;
}

/**
 * What a client's own method adds to its caller's call options: the body, the query, the schema, how the reply is
 * read. Never the caller's to pass.
 */
export type RequestInternals<T = unknown> = Omit<RequestOptions<T>, keyof CallOptions> & {
  params?: QueryParams;
  trailingSlash?: boolean;
};

/** What a client hands the pipeline: settings, auth and redaction, fixed at construction. */
export interface RequestContext extends ErrorContext {
  config: ResolvedTransport;
  authHeaders: Record<string, string>;
  send: (attempt: Attempt) => Promise<SentAttempt>;
}

const PAYLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const METHODS = new Set([...PAYLOAD_METHODS, 'GET', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * The one way a debug line is written: every secret masked, credential headers masked by name. Callers check for
 * a logger first, so that a line no one reads (and the redacted headers it would show) is never built.
 */
function logDebug(
  logger: Logger,
  redactor: Redactor,
  message: string,
  details?: Record<string, unknown>,
): void {
  if (details) logger.debug(redactor.text(message), redactor.value(details));
  else logger.debug(redactor.text(message));
}

/** The headers of a call, and the context that masks the secrets they and the call's options carry. */
function prepare(ctx: RequestContext, method: string, url: string, options: RequestOptions<unknown>) {
  // fetch would send an empty or unknown method as something else (`''` goes out as GET).
  if (!METHODS.has(method)) {
    throw new ValidationError(`Unknown HTTP method ${JSON.stringify(method)}`, { argument: 'method' });
  }
  const callHeaders = options.headers ?? {};
  const extra = credentialSecrets(callHeaders);
  if (options.secrets) extra.push(...options.secrets);
  // With nothing extra, the client's context (and its redactor) serves as it is: no copy per request.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a copy with the same redactor acts the same
  if (extra.length > 0) ctx = { ...ctx, redactor: ctx.redactor.with(extra) };
  const encoded = PAYLOAD_METHODS.has(method) ? encodeBody(options) : undefined;
  if (options.anonymous) {
    const headers = [encoded?.headers, callHeaders].reduce(mergeHeaders, ctx.config.headers);
    for (const name of Object.keys(headers)) if (isCredentialHeader(name)) delete headers[name];
    return { ctx, hop: { method, url, headers, body: encoded?.body } };
  }
  // Each layer replaces the names of the one before whatever their case, so no header is sent twice.
  const headers = [ctx.authHeaders, encoded?.headers, callHeaders].reduce(mergeHeaders, ctx.config.headers);
  const origins = ctx.config.origins;
  // A relative path is on the base URL by construction; anything else is checked before it is sent.
  const target = url.startsWith(`${ctx.config.baseUrl}/`) ? undefined : new URL(url);
  if (target && Object.keys(headers).some(isCredentialHeader)) {
    origins.assertMayCarryCredentials(target, 'url');
  } else if (Object.keys(callHeaders).some(isCredentialHeader)) {
    origins.assertSecure(target ?? new URL(ctx.config.baseUrl), 'options.headers');
  }
  return { ctx, hop: { method, url, headers, body: encoded?.body } as Hop };
}

/**
 * The one code path of every request: encode, send, follow redirects, retry with backoff, map errors, parse,
 * validate. Returns the parsed body, or the open `Response` when `options.stream` is set.
 */
export async function executeRequest<T>(
  context: RequestContext,
  method: string,
  url: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const { ctx, hop: first } = prepare(context, method, url, options as RequestOptions<unknown>);
  try {
    return await send<T>(ctx, first, options);
  } catch (error) {
    throw ctx.redactor.error(error);
  }
}

/** A request as messages name it: `GET https://…`. */
const where = (hop: Hop) => `${hop.method} ${hop.url}`;

async function send<T>(ctx: RequestContext, first: Hop, options: RequestOptions<T>): Promise<T> {
  const { config } = ctx;
  const timeout = {
    connect: options.timeout?.connect ?? config.timeout.connect,
    read: options.timeout?.read ?? config.timeout.read,
  };
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const { logger } = config;
  let hop = first;
  let redirects = 0;

  for (let attempt = 0; ; ) {
    if (options.signal?.aborted) {
      throw new AbortError(`${ctx.clientName} ${where(hop)} was aborted`, { cause: options.signal.reason });
    }
    const started = Date.now();
    if (logger) {
      logDebug(logger, ctx.redactor, `→ ${where(hop)}`, {
        attempt,
        headers: ctx.redactor.headers(hop.headers),
      });
    }
    const sent = await ctx.send({ ...hop, timeout, signal: options.signal, stream: options.stream });
    let failure: TransportFailure | undefined;
    let retryAfter: number | undefined;
    let error: ClientError | AbortError | ValidationError;

    if (sent.ok) {
      const { response } = sent;
      if (logger) {
        logDebug(logger, ctx.redactor, `← ${response.status} ${where(hop)} (${Date.now() - started} ms)`);
      }
      if (isRedirect(response)) {
        sent.guard.release();
        await response.body?.cancel().catch(() => undefined);
        const next = nextHop(response, hop, redirects++, config.origins, ctx.clientName);
        if (next instanceof Error) throw next;
        hop = next;
        continue;
      }
      if (response.ok && options.stream) {
        // The stream's reader bounds each wait itself; the body deadline must not end it.
        sent.guard.release();
        return response as T;
      }
      const read = await readBody(response, sent.guard, options.signal);
      if (!read.ok) {
        failure = read.failure;
        error = failureError(ctx, failure, hop.method, hop.url, timeout);
      } else {
        const body = parseResponseText(read.text);
        if (response.ok) {
          return options.schema ? parseOutput(options.schema, body, () => hop) : (body as T);
        }
        const reply = {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          body,
        };
        error = responseError(ctx, reply, hop.method, hop.url);
        retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        if (attempt >= maxRetries || !isRetryable(hop.method, { status: response.status })) throw error;
      }
    } else {
      failure = sent.failure;
      error = failureError(ctx, failure, hop.method, hop.url, timeout);
      if (logger) logDebug(logger, ctx.redactor, `✗ ${where(hop)}: ${error.message}`);
    }
    if (failure && (attempt >= maxRetries || !isRetryable(hop.method, failure))) throw error;

    const wait = retryDelay(attempt, config.retry, retryAfter);
    if (logger) {
      const next = `retry ${attempt + 1}/${maxRetries}`;
      logDebug(logger, ctx.redactor, `retrying ${where(hop)} in ${Math.round(wait * 1000)} ms (${next})`);
    }
    await sleep(wait, options.signal);
    // A retry starts over from the request the caller made, not from a hop a redirect led to.
    attempt++;
    hop = first;
    redirects = 0;
  }
}
