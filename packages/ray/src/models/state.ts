import { JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';
import {
  type RayDriverInfo,
  RayDriverInfoSchema,
  type RayJobStatus,
  RayJobStatusSchema,
  type RayJobType,
  RayJobTypeSchema,
} from './jobs.js';

// The rows of the State API (`api/v0/…`), snake_case as Ray sends them. Ray leaves a column null when it has no
// value; the columns marked "detail" come only with `detail: true`. Enumerations Ray extends from one version to
// the next (states, task types) are strings.

const str = v.optional(v.string());
const nullableString = v.nullish(v.string());
const nullableNumber = v.nullish(v.number());
const nullableObject = v.nullish(JsonObjectSchema);

/** A node (`listClusterNodes`). */
export interface RayNodeState {
  /** Hex. */
  node_id: string;
  node_ip?: string;
  is_head_node?: boolean;
  /** `ALIVE` or `DEAD`. */
  state: string;
  /** Why the node is dead, when it is. */
  state_message?: string | null;
  node_name?: string;
  /** e.g. `{ CPU: 8, GPU: 1, memory: …, object_store_memory: …, 'node:<ip>': 1 }`. */
  resources_total?: Record<string, number>;
  labels?: Record<string, string>;
  /** Detail: milliseconds since the epoch. */
  start_time_ms?: number | null;
  /** Detail: milliseconds since the epoch (0 while alive). */
  end_time_ms?: number | null;
  [key: string]: unknown;
}

export const RayNodeStateSchema = v.looseObject({
  node_id: v.string(),
  node_ip: str,
  is_head_node: v.optional(v.boolean()),
  state: v.string(),
  state_message: nullableString,
  node_name: str,
  resources_total: v.optional(v.record(v.string(), v.number())),
  labels: v.optional(v.record(v.string(), v.string())),
  start_time_ms: nullableNumber,
  end_time_ms: nullableNumber,
});

/** An actor (`listActors`). */
export interface RayActorState {
  actor_id: string;
  class_name?: string;
  /** `DEPENDENCIES_UNREADY`, `PENDING_CREATION`, `ALIVE`, `RESTARTING` or `DEAD`. */
  state: string;
  /** The Ray job (hex) that created it. */
  job_id?: string;
  /** Its name, for a named actor. */
  name?: string | null;
  node_id?: string | null;
  pid?: number | null;
  ray_namespace?: string | null;
  /** Detail. */
  serialized_runtime_env?: string | null;
  /** Detail. */
  required_resources?: Record<string, unknown> | null;
  /** Detail: why a dead actor died. */
  death_cause?: Record<string, unknown> | null;
  /** Detail. */
  is_detached?: boolean | null;
  /** Detail. */
  placement_group_id?: string | null;
  /** Detail: the actor's `__repr__`. */
  repr_name?: string | null;
  /** Detail. */
  num_restarts?: number | null;
  /** Detail. */
  num_restarts_due_to_lineage_reconstruction?: number | null;
  [key: string]: unknown;
}

export const RayActorStateSchema = v.looseObject({
  actor_id: v.string(),
  class_name: str,
  state: v.string(),
  job_id: str,
  name: nullableString,
  node_id: nullableString,
  pid: nullableNumber,
  ray_namespace: nullableString,
  serialized_runtime_env: nullableString,
  required_resources: nullableObject,
  death_cause: nullableObject,
  is_detached: v.nullish(v.boolean()),
  placement_group_id: nullableString,
  repr_name: nullableString,
  num_restarts: nullableNumber,
  num_restarts_due_to_lineage_reconstruction: nullableNumber,
});

/** A state a task went through, and when. */
export interface RayTaskEvent {
  state: string;
  /** Milliseconds since the epoch. */
  created_ms: number;
  [key: string]: unknown;
}

export const RayTaskEventSchema = v.looseObject({ state: v.string(), created_ms: v.number() });

/** One attempt of a task (`listClusterTasks`). */
export interface RayTaskState {
  task_id: string;
  /** 0 for the first attempt; a retried task has a row per attempt. */
  attempt_number?: number;
  name?: string;
  /** e.g. `PENDING_NODE_ASSIGNMENT`, `RUNNING`, `FINISHED`, `FAILED`. */
  state: string;
  job_id?: string;
  actor_id?: string | null;
  /** `NORMAL_TASK`, `ACTOR_CREATION_TASK`, `ACTOR_TASK` or `DRIVER_TASK`. */
  type?: string;
  func_or_class_name?: string;
  parent_task_id?: string;
  node_id?: string | null;
  worker_id?: string | null;
  worker_pid?: number | null;
  error_type?: string | null;
  /** Detail, e.g. `PYTHON`. */
  language?: string | null;
  /** Detail. */
  required_resources?: Record<string, unknown> | null;
  /** Detail. */
  runtime_env_info?: Record<string, unknown> | null;
  /** Detail. */
  profiling_data?: Record<string, unknown> | null;
  /** Detail. */
  task_log_info?: Record<string, unknown> | null;
  /** Detail. */
  placement_group_id?: string | null;
  /** Detail: the states it went through. */
  events?: RayTaskEvent[] | null;
  /** Detail: milliseconds since the epoch. */
  creation_time_ms?: number | null;
  /** Detail: milliseconds since the epoch. */
  start_time_ms?: number | null;
  /** Detail: milliseconds since the epoch. */
  end_time_ms?: number | null;
  /** Detail. */
  error_message?: string | null;
  /** Detail. */
  is_debugger_paused?: boolean | null;
  [key: string]: unknown;
}

export const RayTaskStateSchema = v.looseObject({
  task_id: v.string(),
  attempt_number: v.optional(v.number()),
  name: str,
  state: v.string(),
  job_id: str,
  actor_id: nullableString,
  type: str,
  func_or_class_name: str,
  parent_task_id: str,
  node_id: nullableString,
  worker_id: nullableString,
  worker_pid: nullableNumber,
  error_type: nullableString,
  language: nullableString,
  required_resources: nullableObject,
  runtime_env_info: nullableObject,
  profiling_data: nullableObject,
  task_log_info: nullableObject,
  placement_group_id: nullableString,
  events: v.nullish(v.array(RayTaskEventSchema)),
  creation_time_ms: nullableNumber,
  start_time_ms: nullableNumber,
  end_time_ms: nullableNumber,
  error_message: nullableString,
  is_debugger_paused: v.nullish(v.boolean()),
});

/** A job (`listClusterJobs`): the State API's subset of Ray's JobDetails. */
export interface RayJobState {
  /** The driver's job id (hex); null until the driver starts. */
  job_id: string | null;
  /** Null for a `DRIVER` job. */
  submission_id: string | null;
  entrypoint?: string;
  type: RayJobType;
  status: RayJobStatus;
  message?: string | null;
  error_type?: string | null;
  driver_info?: RayDriverInfo | null;
  [key: string]: unknown;
}

export const RayJobStateSchema = v.looseObject({
  job_id: v.nullable(v.string()),
  submission_id: v.nullable(v.string()),
  entrypoint: str,
  type: RayJobTypeSchema,
  status: RayJobStatusSchema,
  message: nullableString,
  error_type: nullableString,
  driver_info: v.nullish(RayDriverInfoSchema),
});
