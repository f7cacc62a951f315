import {
  assertCallOptions,
  classifyFailure,
  credentialSecrets,
  type ErrorContext,
  failureError,
  isSynapseError,
  path,
  ValidationError,
} from '@synapse/core/internal';
import { limitLines, type StreamLimits } from './limits.js';
import { longPollUnsupported } from './long-poll.js';
import type { AgentTailOptions, StreamTailOptions, TailJobLogsOptions } from './schemas.js';
import { validateProtocol, validateResourceId, validateStreamTimeout } from './validators.js';

/** A tail's settings, checked: what opening it needs. */
export interface TailSettings {
  /** Seconds to wait for the agent once connected: `streamTimeout`, or `timeout.read`. */
  read: number;
  /** Seconds to open the tail: `timeout.connect`, or the client's connect timeout. */
  connect: number;
  signal: AbortSignal | undefined;
  /** The call's headers, sent after the client's and the tail's own. */
  headers: Record<string, string> | undefined;
  /** The credentials among the call's headers, masked in errors. */
  secrets: string[];
  /** Retries of opening the HTTP stream (undefined: the client's). Never set for a WebSocket. */
  maxRetries: number | undefined;
}

/** What the tails need from the client. */
export interface TailContext {
  longPolling: boolean;
  /** Whose errors the tails throw, and the secrets they must not show. */
  errors: ErrorContext;
  /** The client's connect timeout (seconds): a tail's default. */
  connectTimeout: number;
  /** The absolute URL of a path on the agent, named by errors. */
  url(path: string): string;
  /** Default: DEFAULT_STREAM_LIMITS. */
  limits?: StreamLimits;
  /** Lines of a streamed GET at `path` (ends with `/`), without `\n`, each wait bounded by `tail.read`. */
  httpLines(path: string, tail: TailSettings): AsyncGenerator<string>;
  /** Lines of the WebSocket at `path` (relative to the agent URL, ends with `/`), idle wait bounded likewise. */
  webSocketLines(path: string, tail: TailSettings): AsyncGenerator<string>;
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
  tail: TailSettings,
  open: () => AsyncGenerator<string>,
): AsyncGenerator<string> {
  const redactor = ctx.errors.redactor.with(tail.secrets);
  try {
    yield* limitLines(open(), ctx.limits);
  } catch (error) {
    if (isSynapseError(error)) throw redactor.error(error);
    const timeout = { connect: tail.connect, read: tail.read };
    throw failureError(
      { ...ctx.errors, redactor },
      classifyFailure(error),
      'GET',
      ctx.url(tailPath),
      timeout,
    );
  }
}

/**
 * Checks a tail's options (ValidationError, before anything is sent): the call options but `maxRetries` on a
 * WebSocket, and `timeout.read` or `streamTimeout`, not both.
 */
function checkTailOptions(
  options: unknown,
  protocol: 'stream' | 'websocket',
  own: readonly string[] = ['streamTimeout'],
): void {
  if (
    protocol === 'websocket' &&
    typeof options === 'object' &&
    options !== null &&
    'maxRetries' in options
  ) {
    throw new ValidationError(
      "options.maxRetries does not apply to a WebSocket tail: it is opened once, never retried (protocol 'stream' retries opening)",
      { argument: 'options.maxRetries' },
    );
  }
  assertCallOptions(options, own);
  const { timeout, streamTimeout } = options as AgentTailOptions;
  if (timeout?.read !== undefined && streamTimeout !== undefined) {
    throw new ValidationError(
      'options.timeout.read and options.streamTimeout are the same setting for a tail: give one of them',
      { argument: 'options.timeout.read' },
    );
  }
}

function prepare(
  ctx: TailContext,
  method: string,
  protocol: 'stream' | 'websocket',
  pk: unknown,
  options: StreamTailOptions,
): { id: string; tail: TailSettings } {
  checkTailOptions(options, protocol);
  if (ctx.longPolling) throw longPollUnsupported(method);
  const id = validateResourceId(pk, 'job');
  const { timeout, signal, headers, maxRetries } = options;
  const read = timeout?.read ?? validateStreamTimeout(options.streamTimeout ?? DEFAULT_STREAM_TIMEOUT);
  const connect = timeout?.connect ?? ctx.connectTimeout;
  return {
    id,
    tail: { read, connect, signal, headers, secrets: credentialSecrets(headers ?? {}), maxRetries },
  };
}

/** `GET ray/jobs/{id}/logs/stream/`, line by line, within the stream limits. */
export async function* streamTail(ctx: TailContext, pk: unknown, options: StreamTailOptions = {}) {
  const { id, tail } = prepare(ctx, 'streamTailJobLogs', 'stream', pk, options);
  const p = path('ray/jobs/{id}/logs/stream/', { id });
  yield* limitedLines(ctx, p, tail, () => ctx.httpLines(p, tail));
}

/** WebSocket `ray/jobs/{id}/logs/ws/`, line by line, within the stream limits. */
export async function* webSocketTail(ctx: TailContext, pk: unknown, options: AgentTailOptions = {}) {
  const { id, tail } = prepare(ctx, 'websocketTailJobLogs', 'websocket', pk, options);
  const p = path('ray/jobs/{id}/logs/ws/', { id });
  yield* limitedLines(ctx, p, tail, () => ctx.webSocketLines(p, tail));
}

/** Validates everything first, then dispatches to the chosen protocol. */
export async function* tail(ctx: TailContext, pk: unknown, options: TailJobLogsOptions = {}) {
  // `?.`: a JavaScript caller may pass null or a non-object, which the options check refuses.
  const protocol = validateProtocol((options as TailJobLogsOptions | null)?.protocol ?? 'stream');
  checkTailOptions(options, protocol, ['streamTimeout', 'protocol']);
  const { protocol: _, ...rest } = options;
  validateResourceId(pk, 'job');
  if (rest.timeout?.read === undefined) validateStreamTimeout(rest.streamTimeout ?? DEFAULT_STREAM_TIMEOUT);
  // Both tails already turn every failure into a redacted SDK error.
  yield* protocol === 'stream' ? streamTail(ctx, pk, rest) : webSocketTail(ctx, pk, rest);
}
