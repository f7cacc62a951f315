/** Column metadata for the State API row schemas: detail-only (D), filterable (F) and value type. */
export interface Column {
  detail?: boolean;
  filterable?: boolean;
  type?: 'string' | 'int' | 'bool';
}

export type Schema = Record<string, Column>;

const F: Column = { filterable: true };
const D: Column = { detail: true };
const DF: Column = { detail: true, filterable: true };

export const NODE_SCHEMA: Schema = {
  node_id: F,
  node_ip: F,
  is_head_node: { filterable: true, type: 'bool' },
  state: F,
  state_message: {},
  node_name: F,
  resources_total: {},
  labels: {},
  start_time_ms: D,
  end_time_ms: D,
};

export const ACTOR_SCHEMA: Schema = {
  actor_id: F,
  class_name: F,
  state: F,
  job_id: F,
  name: F,
  node_id: F,
  pid: { filterable: true, type: 'int' },
  ray_namespace: F,
  serialized_runtime_env: D,
  required_resources: D,
  death_cause: D,
  is_detached: D,
  placement_group_id: DF,
  repr_name: DF,
  num_restarts: D,
  num_restarts_due_to_lineage_reconstruction: D,
};

export const TASK_SCHEMA: Schema = {
  task_id: F,
  attempt_number: { filterable: true, type: 'int' },
  name: F,
  state: F,
  job_id: F,
  actor_id: F,
  type: F,
  func_or_class_name: F,
  parent_task_id: F,
  node_id: F,
  worker_id: F,
  worker_pid: { filterable: true, type: 'int' },
  error_type: F,
  language: DF,
  required_resources: D,
  runtime_env_info: D,
  profiling_data: D,
  task_log_info: D,
  placement_group_id: DF,
  events: D,
  creation_time_ms: D,
  start_time_ms: D,
  end_time_ms: D,
  error_message: D,
  is_debugger_paused: { detail: true, filterable: true, type: 'bool' },
};

export const JOB_SCHEMA: Schema = {
  job_id: F,
  submission_id: F,
  entrypoint: {},
  type: F,
  status: F,
  message: {},
  error_type: {},
  driver_info: {},
};
