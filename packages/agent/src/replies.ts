import { JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';

// The agent relays Ray's replies without promising their shape: every field is optional and unknown keys are kept,
// but a field of the wrong type (a number for a string, an object where a list belongs) fails the reply.

const nullableString = v.nullish(v.string());
const nullableObject = v.nullish(JsonObjectSchema);

/** The process that ran a Ray job's entrypoint (Ray's DriverInfo). */
export interface AgentJobDriver {
  /** The driver's Ray job id (hex). */
  id: string;
  node_ip_address: string;
  /** The driver's process id, as a string. */
  pid: string;
  [key: string]: unknown;
}

export const AgentJobDriverSchema = v.looseObject({
  id: v.string(),
  node_ip_address: v.string(),
  pid: v.string(),
});

/** A Ray job as the agent relays it (Ray's JobDetails). */
export interface AgentJob {
  /** `SUBMISSION` (submitted through the Jobs API) or `DRIVER` (a script that called `ray.init()` itself). */
  type?: string;
  /** The driver's Ray job id (hex); null until the driver starts. */
  job_id?: string | null;
  /** The id the job was submitted under (`raysubmit_…` or the submitter's); null for a `DRIVER` job. */
  submission_id?: string | null;
  /** The last driver the submission launched. */
  driver_info?: AgentJobDriver | null;
  /** `PENDING`, `RUNNING`, `STOPPED`, `SUCCEEDED` or `FAILED`. */
  status?: string;
  /** The shell command the job runs. */
  entrypoint?: string;
  message?: string | null;
  /** A failed job's failure category, e.g. `RUNTIME_ENV_SETUP_FAILURE`. */
  error_type?: string | null;
  /** Milliseconds since the epoch. */
  start_time?: number | null;
  /** Milliseconds since the epoch; set when the job ended. */
  end_time?: number | null;
  metadata?: Record<string, string> | null;
  runtime_env?: Record<string, unknown> | null;
  /** `http://<node-ip>:<agent-port>` of the node that runs the entrypoint. */
  driver_agent_http_address?: string | null;
  /** The id (hex) of the node that runs the entrypoint. */
  driver_node_id?: string | null;
  /** Null until the entrypoint exits. */
  driver_exit_code?: number | null;
  retry_policy?: Record<string, unknown> | null;
  /** Which attempt of the job this is (0 for the first). */
  attempt_number?: number;
  [key: string]: unknown;
}

export const AgentJobSchema = v.looseObject({
  type: v.optional(v.string()),
  job_id: nullableString,
  submission_id: nullableString,
  driver_info: v.nullish(AgentJobDriverSchema),
  status: v.optional(v.string()),
  entrypoint: v.optional(v.string()),
  message: nullableString,
  error_type: nullableString,
  start_time: v.nullish(v.number()),
  end_time: v.nullish(v.number()),
  metadata: v.nullish(v.record(v.string(), v.string())),
  runtime_env: nullableObject,
  driver_agent_http_address: nullableString,
  driver_node_id: nullableString,
  driver_exit_code: v.nullish(v.number()),
  retry_policy: nullableObject,
  attempt_number: v.optional(v.number()),
});

/** What starting a plugin release answers: the Ray job that runs it. */
export interface PluginRunResult {
  /** The job's submission id: pass it to `getJob` or `tailJobLogs`. */
  submission_id?: string;
  /** The same id under Ray's older name. */
  job_id?: string;
  [key: string]: unknown;
}

export const PluginRunResultSchema = v.looseObject({
  submission_id: v.optional(v.string()),
  job_id: v.optional(v.string()),
});

/** What stopping a job answers. */
export interface AgentStopJobResult {
  /** True when a running job was told to stop, false when it had already ended. */
  stopped?: boolean;
  [key: string]: unknown;
}

export const AgentStopJobResultSchema = v.looseObject({ stopped: v.optional(v.boolean()) });

/** A Ray Serve application as the agent relays it (Ray's ApplicationDetails, its deployments as a list). */
export interface AgentServeApplication {
  name?: string;
  /** The HTTP route it serves under, e.g. `/demo_app`; null when it has none. */
  route_prefix?: string | null;
  docs_path?: string | null;
  /** `NOT_STARTED`, `DEPLOYING`, `DEPLOY_FAILED`, `RUNNING`, `UNHEALTHY` or `DELETING`. */
  status?: string;
  message?: string;
  /** Seconds since the epoch. */
  last_deployed_time_s?: number;
  /** The config it was deployed with. */
  deployed_app_config?: Record<string, unknown> | null;
  /** `imperative`, `declarative` or `unknown`. */
  source?: string;
  /** Its deployments (Ray's DeploymentDetails). */
  deployments?: Record<string, unknown>[];
  external_scaler_enabled?: boolean;
  deployment_topology?: Record<string, unknown> | null;
  [key: string]: unknown;
}

export const AgentServeApplicationSchema = v.looseObject({
  name: v.optional(v.string()),
  route_prefix: nullableString,
  docs_path: nullableString,
  status: v.optional(v.string()),
  message: v.optional(v.string()),
  last_deployed_time_s: v.optional(v.number()),
  deployed_app_config: nullableObject,
  source: v.optional(v.string()),
  deployments: v.optional(v.array(JsonObjectSchema)),
  external_scaler_enabled: v.optional(v.boolean()),
  deployment_topology: nullableObject,
});
