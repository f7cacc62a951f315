import type { CallOptions, TimeoutOptions } from '@synapse/core/internal';

// The models of Ray's replies, with their schemas.
export * from './models/jobs.js';
export * from './models/legacy-nodes.js';
export * from './models/serve.js';
export * from './models/state.js';

/** `submitJob` input (camelCase; sent snake_case). */
export interface SubmitJobRequest {
  entrypoint: string;
  /** Default: Ray generates `raysubmit_…`. */
  submissionId?: string;
  runtimeEnv?: Record<string, unknown>;
  metadata?: Record<string, string>;
  entrypointNumCpus?: number;
  entrypointNumGpus?: number;
  /** Bytes (an integer). */
  entrypointMemory?: number;
  entrypointResources?: Record<string, number>;
}

/** A State API filter's comparison. */
export type StatePredicate = '=' | '!=';
/** One State API filter: `[column, predicate, value]`, e.g. `['state', '=', 'ALIVE']`. */
export type StateFilter = readonly [key: string, predicate: StatePredicate, value: string | number | boolean];

/** Options of the State API's list methods (nodes, actors, tasks, jobs, …). */
export interface StateListOptions {
  /** Rows to return (Ray: default 100, at most 10,000). */
  limit?: number;
  /** Include the detail-only columns. */
  detail?: boolean;
  /** ANDed filters. */
  filters?: readonly StateFilter[];
  /**
   * Seconds the server may spend (Ray default 30), a whole number ≥ 1; sent as Ray's `timeout` query parameter.
   * The `timeout` option is this call's own `{ connect, read }`, as for every method.
   */
  serverTimeout?: number;
}

/** Options of `listTasks`: the State API's, and whether to hide driver tasks. */
export interface TaskListOptions extends StateListOptions {
  /** Hide driver tasks (Ray default true). */
  excludeDriver?: boolean;
}

/** A State API list, unwrapped from `{result, msg, data: {result}}` and camelCased at the top level. */
export interface StateList<T> {
  rows: T[];
  /** Resources that exist in the cluster. */
  total: number;
  /** Rows the data source returned after its hard cap. */
  numAfterTruncation: number;
  /** Rows left after the filters, before `limit`. */
  numFiltered: number;
  partialFailureWarning: string | null;
  warnings: string[] | null;
}

/** A row of any State API resource, its columns unchecked (`RayNodeState` and the others name them). */
export type StateRow = Record<string, unknown>;

/** A ServeDeploySchema for `deployServeApplications` (only `applications` is required). */
export interface ServeDeployConfig {
  applications: Array<{ import_path: string; name?: string; route_prefix?: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/**
 * `waitForJob`'s options: its own `waitTimeout` and `pollInterval`, and the call options (`signal`, `timeout`,
 * `headers`, `maxRetries`), which apply to each status request (`signal` also ends a wait between them).
 */
export interface WaitForJobOptions extends CallOptions {
  /** Seconds before giving up with a TimeoutError (408). Default 600. */
  waitTimeout?: number;
  /** Seconds between status checks. Default 1. */
  pollInterval?: number;
}

/**
 * `tailJobLogs`'s options: the call options a WebSocket can use. `headers` are sent on the handshake, on top of
 * the client's. No `maxRetries`: the WebSocket is opened once, never retried (passing it is a ValidationError).
 */
export interface RayTailOptions extends Omit<CallOptions, 'maxRetries' | 'timeout'> {
  /**
   * Seconds. `connect` bounds the opening handshake (default: the client's connect + read); `read` bounds each
   * wait for the next line (default: none, the tail waits as long as the job runs and writes nothing).
   */
  timeout?: TimeoutOptions;
}
