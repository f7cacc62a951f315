import type { CallOptions, TimeoutOptions } from '@synapse/core';

/** Ray job status; terminal: `STOPPED`, `SUCCEEDED`, `FAILED`. */
export type RayJobStatus = 'PENDING' | 'RUNNING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED';

export const TERMINAL_JOB_STATUSES: readonly RayJobStatus[] = ['STOPPED', 'SUCCEEDED', 'FAILED'];

/** Ray's JobDetails, as the dashboard sends it (snake_case; unknown keys kept). */
export interface RayJobDetails {
  type: 'SUBMISSION' | 'DRIVER';
  job_id: string | null;
  submission_id: string | null;
  driver_info?: { id: string; node_ip_address: string; pid: string } | null;
  status: RayJobStatus;
  entrypoint: string;
  message?: string | null;
  error_type?: string | null;
  start_time?: number | null;
  end_time?: number | null;
  metadata?: Record<string, string> | null;
  runtime_env?: Record<string, unknown> | null;
  driver_agent_http_address?: string | null;
  driver_node_id?: string | null;
  driver_exit_code?: number | null;
  [key: string]: unknown;
}

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

/** `GET /api/version`. */
export interface RayVersion {
  version: string;
  ray_version: string;
  ray_commit: string;
  session_name?: string;
  [key: string]: unknown;
}

export type StatePredicate = '=' | '!=';
/** One State API filter: `[column, predicate, value]`, e.g. `['state', '=', 'ALIVE']`. */
export type StateFilter = readonly [key: string, predicate: StatePredicate, value: string | number | boolean];

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

export type StateRow = Record<string, unknown>;

/** Ray Serve's ApplicationDetails with `deployments` turned into a list (as the Python client returns it). */
export interface RayServeApplication {
  name: string;
  route_prefix?: string | null;
  status?: string;
  message?: string;
  deployments: Record<string, unknown>[];
  [key: string]: unknown;
}

/** `GET /api/serve/applications/` as Ray sends it (applications and deployments keyed by name). */
export interface ServeInstanceDetails {
  applications: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

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
