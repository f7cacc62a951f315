import { JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';

/** Ray job status; terminal: `STOPPED`, `SUCCEEDED`, `FAILED` (a terminal status never changes again). */
export type RayJobStatus = 'PENDING' | 'RUNNING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED';

export const RayJobStatusSchema = v.picklist(['PENDING', 'RUNNING', 'STOPPED', 'SUCCEEDED', 'FAILED']);

/** The statuses a Ray job never leaves. */
export const TERMINAL_JOB_STATUSES: readonly RayJobStatus[] = ['STOPPED', 'SUCCEEDED', 'FAILED'];

/** `SUBMISSION`: submitted through the Jobs API; `DRIVER`: a script that called `ray.init()` itself. */
export type RayJobType = 'SUBMISSION' | 'DRIVER';

export const RayJobTypeSchema = v.picklist(['SUBMISSION', 'DRIVER']);

/** The process that runs a job's entrypoint (Ray's DriverInfo). */
export interface RayDriverInfo {
  /** The driver's job id (hex). */
  id: string;
  node_ip_address: string;
  /** The driver's process id, as a string. */
  pid: string;
  [key: string]: unknown;
}

export const RayDriverInfoSchema = v.looseObject({
  id: v.string(),
  node_ip_address: v.string(),
  pid: v.string(),
});

const nullableString = v.nullish(v.string());
const nullableNumber = v.nullish(v.number());

/** Ray's JobDetails, as the dashboard sends it (`GET api/jobs/`, `GET api/jobs/{id}`). */
export interface RayJobDetails {
  type: RayJobType;
  /** The driver's job id (hex); null until the driver starts, and for a submission whose driver never ran. */
  job_id: string | null;
  /** The id it was submitted under (`raysubmit_…` or the submitter's); null for a `DRIVER` job. */
  submission_id: string | null;
  /** The last driver the submission launched. */
  driver_info?: RayDriverInfo | null;
  status: RayJobStatus;
  /** The shell command (for a `DRIVER` job, the script's command line). */
  entrypoint: string;
  /** What the status means for this job, e.g. `Job is currently running.` */
  message?: string | null;
  /** A failed job's failure category, e.g. `RUNTIME_ENV_SETUP_FAILURE` (often null on older Ray). */
  error_type?: string | null;
  /** Milliseconds since the epoch, from the submission. */
  start_time?: number | null;
  /** Milliseconds since the epoch, once the job has ended. */
  end_time?: number | null;
  metadata?: Record<string, string> | null;
  runtime_env?: Record<string, unknown> | null;
  /** `http://<node-ip>:<agent-port>` of the node that runs the entrypoint; null while it is pending. */
  driver_agent_http_address?: string | null;
  /** The id (hex) of the node that runs the entrypoint; null while it is pending. */
  driver_node_id?: string | null;
  /** Null until the entrypoint exits. */
  driver_exit_code?: number | null;
  /** Newest Ray only. */
  retry_policy?: Record<string, unknown> | null;
  /** Which attempt this is, 0 for the first (newest Ray only). */
  attempt_number?: number;
  [key: string]: unknown;
}

export const RayJobDetailsSchema = v.looseObject({
  type: RayJobTypeSchema,
  job_id: v.nullable(v.string()),
  submission_id: v.nullable(v.string()),
  driver_info: v.nullish(RayDriverInfoSchema),
  status: RayJobStatusSchema,
  entrypoint: v.string(),
  message: nullableString,
  error_type: nullableString,
  start_time: nullableNumber,
  end_time: nullableNumber,
  metadata: v.nullish(v.record(v.string(), v.string())),
  runtime_env: v.nullish(JsonObjectSchema),
  driver_agent_http_address: nullableString,
  driver_node_id: nullableString,
  driver_exit_code: nullableNumber,
  retry_policy: v.nullish(JsonObjectSchema),
  attempt_number: v.optional(v.number()),
});

/** `GET api/version`. */
export interface RayVersion {
  /** The Jobs API version, e.g. `"4"`. */
  version: string;
  /** e.g. `"2.40.0"`. */
  ray_version: string;
  /** The git commit Ray was built from. */
  ray_commit: string;
  /** e.g. `session_2024-01-01_00-00-00_000000_1`. */
  session_name?: string;
  [key: string]: unknown;
}

export const RayVersionSchema = v.looseObject({
  version: v.string(),
  ray_version: v.string(),
  ray_commit: v.string(),
  session_name: v.optional(v.string()),
});
