import type { CallOptions, TimeoutOptions, TransportOptions } from '@synapse/core/internal';

// The models of the agent's replies, with their schemas.
export * from './replies.js';

/** What `setRequest` receives in long-poll mode (Python: `{'method', 'path', 'headers', **kwargs}`). */
export interface LongPollRequest {
  method: string;
  /** Relative to the agent URL, e.g. `jobs/12/` (query not included; see `params`). */
  path: string;
  /** The agent auth headers plus `Content-Type: application/json`. */
  headers: Record<string, string>;
  params?: Record<string, unknown>;
  data?: unknown;
}

/** What `getResponse` returns in long-poll mode. */
export interface LongPollResponse {
  status: number;
  reason?: unknown;
  data?: unknown;
}

/**
 * Relays agent requests over another channel (e.g. the backend) when the agent cannot be reached directly.
 * `getResponse` may throw an error named `TimeoutError` to signal that the agent did not answer.
 */
export interface LongPollHandler {
  /** Hands a request to the agent's side; returns the id its response will be found under. */
  setRequest(request: LongPollRequest): string | number | Promise<string | number>;
  /** The response to the request of that id, once the agent's side has one. */
  getResponse(id: string | number): LongPollResponse | Promise<LongPollResponse>;
}

export interface AgentClientOptions extends TransportOptions {
  /** Required. Sent raw in `Authorization` (no `Token ` prefix). */
  agentToken: string;
  /** Sent as `SYNAPSE-User: Token <v>`. */
  userToken?: string;
  /** Sent as `SYNAPSE-Tenant: Token <v>`. */
  tenant?: string;
  /** Sends every non-streaming request through this handler instead of HTTP. */
  longPollHandler?: LongPollHandler;
}

/** How a log tail reaches the agent: an HTTP stream or a WebSocket. */
export type TailProtocol = 'stream' | 'websocket';

/**
 * A tail's options (both protocols): `streamTimeout` and the call options a tail can use. No `maxRetries`: a
 * WebSocket is opened once (see `StreamTailOptions` for the HTTP stream's).
 */
export interface AgentTailOptions extends Omit<CallOptions, 'maxRetries' | 'timeout'> {
  /**
   * Seconds to wait for the agent once connected (Python `stream_timeout`): for the response headers and each next
   * line of the stream, or each next message of the WebSocket. 0 < value ≤ 300 (else ClientError 400). Default 10.
   * The same setting as `timeout.read`: give one of them, not both.
   */
  streamTimeout?: number;
  /**
   * Seconds. `connect` bounds opening the tail (the connection of the HTTP stream, the WebSocket handshake;
   * default: the client's connect). `read` is `streamTimeout` under the call options' name (positive, finite; no
   * upper bound): give one of them, not both (a ValidationError).
   */
  timeout?: TimeoutOptions;
  /** Sent when the tail is opened, after the client's headers and auth (a name given again replaces theirs). */
  headers?: Record<string, string>;
}

/** The HTTP stream tail's options: a tail's, and `maxRetries` for opening the stream. */
export interface StreamTailOptions extends AgentTailOptions {
  /**
   * Retries of opening the stream (a failed connection or a retryable status, before any line), overriding the
   * client's. A stream that breaks after lines arrived is not retried: its lines would come again.
   */
  maxRetries?: number;
}

/**
 * `tailJobLogs`'s options: the HTTP stream's (protocol `stream`, the default) or the WebSocket's, where
 * `maxRetries` is a ValidationError (a WebSocket is opened once, never retried).
 */
export type TailJobLogsOptions =
  | (StreamTailOptions & { protocol?: 'stream' })
  | (AgentTailOptions & { protocol: 'websocket' });

/** Per-call options of the agent's methods: those of every method. */
export type AgentCallOptions = CallOptions;
