import type { CallOptions, TransportOptions } from '@synapse/core';

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
  setRequest(request: LongPollRequest): string | number | Promise<string | number>;
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

export type TailProtocol = 'stream' | 'websocket';

export interface TailOptions {
  /** Seconds to wait for the next line (Python `stream_timeout`); 0 < value ≤ 300. Default 10. */
  streamTimeout?: number;
  signal?: AbortSignal;
}

export interface TailJobLogsOptions extends TailOptions {
  /** Default `stream`. */
  protocol?: TailProtocol;
}

/** A Ray job as the agent relays it (Ray's JobDetails; unknown keys kept). */
export interface AgentJob {
  submission_id?: string | null;
  job_id?: string | null;
  status?: string;
  entrypoint?: string;
  message?: string | null;
  [key: string]: unknown;
}

/** `{job_id, submission_id}` of a plugin run. */
export interface PluginRunResult {
  job_id?: string;
  submission_id?: string;
  [key: string]: unknown;
}

export type AgentCallOptions = CallOptions;
