/** Seeded, fixed Ray cluster contents: a head node, a GPU worker, a few actors and tasks. */

export const HEAD_NODE_ID = '9d55184ac7f0bf1ddadf2b31ec559017e62099e22068b54ddf6f7eb3';
export const WORKER_NODE_ID = 'f040680a4f915695ef4db039384c9e7c9733153aec8e011f97df16c7';
export const HEAD_NODE_IP = '127.0.0.1';
export const WORKER_NODE_IP = '127.0.0.2';
/** Driver job id of the seeded DRIVER job that owns the seeded actors and tasks. */
export const SEED_DRIVER_JOB_ID = '01000000';

export type Row = Record<string, unknown>;

const GiB = 1024 ** 3;

export function seedNodes(bootTime: number): Row[] {
  return [
    {
      node_id: HEAD_NODE_ID,
      node_ip: HEAD_NODE_IP,
      is_head_node: true,
      state: 'ALIVE',
      state_message: null,
      node_name: HEAD_NODE_IP,
      resources_total: {
        CPU: 8,
        memory: 16 * GiB,
        object_store_memory: 4 * GiB,
        [`node:${HEAD_NODE_IP}`]: 1,
        'node:__internal_head__': 1,
      },
      labels: { 'ray.io/node_id': HEAD_NODE_ID },
      start_time_ms: bootTime - 3_600_000,
      end_time_ms: 0,
    },
    {
      node_id: WORKER_NODE_ID,
      node_ip: WORKER_NODE_IP,
      is_head_node: false,
      state: 'ALIVE',
      state_message: null,
      node_name: WORKER_NODE_IP,
      resources_total: {
        CPU: 16,
        GPU: 1,
        memory: 64 * GiB,
        object_store_memory: 16 * GiB,
        [`node:${WORKER_NODE_IP}`]: 1,
        'accelerator_type:A10G': 1,
      },
      labels: { 'ray.io/node_id': WORKER_NODE_ID },
      start_time_ms: bootTime - 3_500_000,
      end_time_ms: 0,
    },
  ];
}

function actor(
  id: string,
  className: string,
  state: string,
  name: string | null,
  nodeId: string,
  pid: number,
): Row {
  return {
    actor_id: `${id}${SEED_DRIVER_JOB_ID}`,
    class_name: className,
    state,
    job_id: SEED_DRIVER_JOB_ID,
    name,
    node_id: nodeId,
    pid,
    ray_namespace: name?.startsWith('SERVE_') ? 'serve' : 'default',
    serialized_runtime_env: '{}',
    required_resources: state === 'DEAD' ? { GPU: 1 } : { CPU: 0 },
    death_cause:
      state === 'DEAD' ? { actor_died_error_context: { error_message: 'The actor is dead.' } } : null,
    is_detached: name !== null,
    placement_group_id: null,
    repr_name: '',
    num_restarts: 0,
    num_restarts_due_to_lineage_reconstruction: 0,
  };
}

export function seedActors(): Row[] {
  return [
    actor(
      'f6c408b3854c01c85495a5d4',
      'ServeController',
      'ALIVE',
      'SERVE_CONTROLLER_ACTOR',
      HEAD_NODE_ID,
      3210,
    ),
    actor(
      '9a86fb07a51d1b460cc278cc',
      'ProxyActor',
      'ALIVE',
      `SERVE_PROXY_ACTOR-${HEAD_NODE_ID}`,
      HEAD_NODE_ID,
      3211,
    ),
    actor(
      '064014e83ea9a0765b92ad24',
      'ServeReplica:demo_app:DemoModel',
      'ALIVE',
      'SERVE_REPLICA::demo_app#DemoModel#a1b2c3',
      WORKER_NODE_ID,
      5120,
    ),
    actor('5d7e1a9c3b2f4e6d8a0c1b3e', 'TrainWorker', 'DEAD', null, WORKER_NODE_ID, 5177),
  ];
}

function task(
  id: string,
  name: string,
  type: string,
  state: string,
  nodeId: string | null,
  bootTime: number,
  extra: Row = {},
): Row {
  return {
    task_id: id,
    attempt_number: 0,
    name,
    state,
    job_id: SEED_DRIVER_JOB_ID,
    actor_id: null,
    type,
    func_or_class_name: name,
    parent_task_id: 'ffffffffffffffffffffffffffffffffffffffff01000000',
    node_id: nodeId,
    worker_id: nodeId ? `${id.slice(0, 8)}${nodeId.slice(8)}` : null,
    worker_pid: nodeId ? 6000 + id.charCodeAt(0) : null,
    error_type: null,
    language: 'PYTHON',
    required_resources: { CPU: 1 },
    runtime_env_info: { serialized_runtime_env: '{}' },
    profiling_data: {},
    task_log_info: null,
    placement_group_id: null,
    events: [
      { state: 'PENDING_NODE_ASSIGNMENT', created_ms: bootTime - 60_000 },
      { state, created_ms: bootTime - 59_000 },
    ],
    creation_time_ms: bootTime - 60_000,
    start_time_ms: bootTime - 59_500,
    end_time_ms: state === 'RUNNING' ? null : bootTime - 59_000,
    error_message: null,
    is_debugger_paused: false,
    ...extra,
  };
}

export function seedTasks(bootTime: number): Row[] {
  return [
    task(
      'b19e472d562c15b6c77a345f8dc1179076196346ce45e7bd',
      'preprocess',
      'NORMAL_TASK',
      'FINISHED',
      HEAD_NODE_ID,
      bootTime,
    ),
    task(
      '1e5684d53a5329a697b8a48aaf20d4ee2f3096371e3a304a',
      'train_step',
      'NORMAL_TASK',
      'RUNNING',
      WORKER_NODE_ID,
      bootTime,
      {
        required_resources: { GPU: 1 },
      },
    ),
    task(
      '9f71c1912599b7af4fb1ebab4b053cca8e5367dd87894b8e',
      'ServeController.__init__',
      'ACTOR_CREATION_TASK',
      'FINISHED',
      HEAD_NODE_ID,
      bootTime,
      {
        actor_id: `f6c408b3854c01c85495a5d4${SEED_DRIVER_JOB_ID}`,
        func_or_class_name: 'ServeController.__init__',
      },
    ),
    task(
      '64e340961f266dc6f4e4c490a5089871566f99461e33b473',
      'load_dataset',
      'NORMAL_TASK',
      'FAILED',
      WORKER_NODE_ID,
      bootTime,
      {
        error_type: 'TASK_EXECUTION_EXCEPTION',
        error_message: 'FileNotFoundError: [Errno 2] No such file or directory: /data/missing.parquet',
      },
    ),
    task(
      'ffffffffffffffffffffffffffffffffffffffff01000000',
      'driver',
      'DRIVER_TASK',
      'RUNNING',
      HEAD_NODE_ID,
      bootTime,
      {
        parent_task_id: 'ffffffffffffffffffffffffffffffffffffffffffffffff',
      },
    ),
  ];
}
