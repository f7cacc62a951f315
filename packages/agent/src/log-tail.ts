import { errorForStatus, isSynapseError, path } from '@synapse/core';
import { DEFAULT_STREAM_LIMITS, limitLines, type StreamLimits } from './limits.js';
import { longPollUnsupported } from './long-poll.js';
import type { TailJobLogsOptions, TailOptions } from './schemas.js';
import { validateProtocol, validateResourceId, validateStreamTimeout } from './validators.js';

/** What the tails need from the client. */
export interface TailContext {
  longPolling: boolean;
  /** Removes the client's secrets from an error before it is thrown. */
  redact<E>(error: E): E;
  limits?: StreamLimits;
  /** Lines of a streamed GET (no trailing `\n`), each wait bounded by `streamTimeout` seconds. */
  httpLines(path: string, streamTimeout: number, signal: AbortSignal | undefined): AsyncGenerator<string>;
  /** Lines of the WebSocket at `path` (relative to the agent URL), idle wait bounded by `streamTimeout`. */
  webSocketLines(
    path: string,
    streamTimeout: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<string>;
}

const DEFAULT_STREAM_TIMEOUT = 10;

/** Turns anything that is not an SDK error into Python's `ClientError(500, '<label>: …')`, secrets removed. */
async function* wrapUnexpected(
  ctx: TailContext,
  source: AsyncGenerator<string>,
  label: string,
): AsyncGenerator<string> {
  try {
    yield* source;
  } catch (error) {
    if (isSynapseError(error)) throw ctx.redact(error);
    const message = `${label}: ${error instanceof Error ? error.message : String(error)}`;
    throw ctx.redact(errorForStatus(500, message, { reason: message, clientName: 'Agent', cause: error }));
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
  const lines = ctx.httpLines(path('ray/jobs/{id}/logs/stream/', { id }), streamTimeout, options.signal);
  yield* wrapUnexpected(ctx, limitLines(lines, ctx.limits ?? DEFAULT_STREAM_LIMITS), 'Stream failed');
}

/** WebSocket `ray/jobs/{id}/logs/ws/`, line by line, within the stream limits. */
export async function* webSocketTail(ctx: TailContext, pk: unknown, options: TailOptions = {}) {
  const { id, streamTimeout } = prepare(ctx, 'websocketTailJobLogs', pk, options);
  const lines = ctx.webSocketLines(path('ray/jobs/{id}/logs/ws/', { id }), streamTimeout, options.signal);
  yield* wrapUnexpected(ctx, limitLines(lines, ctx.limits ?? DEFAULT_STREAM_LIMITS), 'WebSocket failed');
}

/** Validates everything first, then dispatches to the chosen protocol. */
export async function* tail(ctx: TailContext, pk: unknown, options: TailJobLogsOptions = {}) {
  const protocol = validateProtocol(options.protocol ?? 'stream');
  validateResourceId(pk, 'job');
  validateStreamTimeout(options.streamTimeout ?? DEFAULT_STREAM_TIMEOUT);
  const source = protocol === 'stream' ? streamTail(ctx, pk, options) : webSocketTail(ctx, pk, options);
  yield* wrapUnexpected(ctx, source, `Protocol ${protocol} failed`);
}
