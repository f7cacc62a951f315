import { classifyFailure, type ErrorContext, failureError, isSynapseError, path } from '@synapse/core';
import { limitLines, type StreamLimits } from './limits.js';
import { longPollUnsupported } from './long-poll.js';
import type { TailJobLogsOptions, TailOptions } from './schemas.js';
import { validateProtocol, validateResourceId, validateStreamTimeout } from './validators.js';

/** What the tails need from the client. */
export interface TailContext {
  longPolling: boolean;
  /** Whose errors the tails throw, and the secrets they must not show. */
  errors: ErrorContext;
  /** The client's connect timeout (seconds), named by a connect timeout's error. */
  connectTimeout: number;
  /** The absolute URL of a path on the agent, named by errors. */
  url(path: string): string;
  /** Default: DEFAULT_STREAM_LIMITS. */
  limits?: StreamLimits;
  /** Lines of a streamed GET at `path` (ends with `/`), without `\n`, each wait bounded by `streamTimeout`. */
  httpLines(path: string, streamTimeout: number, signal: AbortSignal | undefined): AsyncGenerator<string>;
  /** Lines of the WebSocket at `path` (relative to the agent URL, ends with `/`), idle wait bounded likewise. */
  webSocketLines(
    path: string,
    streamTimeout: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<string>;
}

const DEFAULT_STREAM_TIMEOUT = 10;

/**
 * The lines of the stream at `path` within the stream limits. Any failure, opening included, is thrown as an SDK
 * error with the secrets removed: the SDK's own as they are, any other as the failure it is (a lost connection,
 * say), built as every request's is.
 */
async function* limitedLines(
  ctx: TailContext,
  tailPath: string,
  streamTimeout: number,
  open: () => AsyncGenerator<string>,
): AsyncGenerator<string> {
  try {
    yield* limitLines(open(), ctx.limits);
  } catch (error) {
    if (isSynapseError(error)) throw ctx.errors.redactor.error(error);
    const timeout = { connect: ctx.connectTimeout, read: streamTimeout };
    throw failureError(ctx.errors, classifyFailure(error), 'GET', ctx.url(tailPath), timeout);
  }
}

function prepare(ctx: TailContext, method: string, pk: unknown, options: TailOptions) {
  if (ctx.longPolling) throw longPollUnsupported(method);
  const id = validateResourceId(pk, 'job');
  const streamTimeout = validateStreamTimeout(options.streamTimeout ?? DEFAULT_STREAM_TIMEOUT);
  return { id, streamTimeout };
}

/** `GET ray/jobs/{id}/logs/stream/`, line by line, within the stream limits. */
export async function* streamTail(ctx: TailContext, pk: unknown, options: TailOptions = {}) {
  const { id, streamTimeout } = prepare(ctx, 'streamTailJobLogs', pk, options);
  const p = path('ray/jobs/{id}/logs/stream/', { id });
  yield* limitedLines(ctx, p, streamTimeout, () => ctx.httpLines(p, streamTimeout, options.signal));
}

/** WebSocket `ray/jobs/{id}/logs/ws/`, line by line, within the stream limits. */
export async function* webSocketTail(ctx: TailContext, pk: unknown, options: TailOptions = {}) {
  const { id, streamTimeout } = prepare(ctx, 'websocketTailJobLogs', pk, options);
  const p = path('ray/jobs/{id}/logs/ws/', { id });
  yield* limitedLines(ctx, p, streamTimeout, () => ctx.webSocketLines(p, streamTimeout, options.signal));
}

/** Validates everything first, then dispatches to the chosen protocol. */
export async function* tail(ctx: TailContext, pk: unknown, options: TailJobLogsOptions = {}) {
  const protocol = validateProtocol(options.protocol ?? 'stream');
  validateResourceId(pk, 'job');
  validateStreamTimeout(options.streamTimeout ?? DEFAULT_STREAM_TIMEOUT);
  // Both tails already turn every failure into a redacted SDK error.
  yield* protocol === 'stream' ? streamTail(ctx, pk, options) : webSocketTail(ctx, pk, options);
}
