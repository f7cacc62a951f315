import { blockNetwork, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RayClient, ResponseValidationError } from '../src/index.js';
import { BASE, caught, proxiedSetup as setup } from './helpers.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

const HEADERS = { 'x-proxy-key': 'proxy-key-1' };

const JOB = {
  type: 'SUBMISSION',
  job_id: '02000000',
  submission_id: 'raysubmit_1',
  driver_info: { id: '02000000', node_ip_address: '10.0.0.2', pid: '4242' },
  status: 'RUNNING',
  entrypoint: 'python train.py',
  message: 'Job is currently running.',
  error_type: null,
  start_time: 1_700_000_000_000,
  end_time: null,
  metadata: {},
  runtime_env: { pip: ['torch'] },
  driver_agent_http_address: 'http://10.0.0.2:52365',
  driver_node_id: 'f040680a',
  driver_exit_code: null,
};
const VERSION = { version: '4', ray_version: '2.40.0', ray_commit: 'abc' };
const DEPLOYMENT = {
  name: 'Ingress',
  status: 'HEALTHY',
  status_trigger: 'CONFIG_UPDATE_COMPLETED',
  message: '',
  deployment_config: { num_replicas: 1 },
  target_num_replicas: 1,
  required_resources: { CPU: 1 },
  replicas: [{ replica_id: 'r0', state: 'RUNNING', pid: 5100, start_time_s: 1_700_000_000.5, node_id: 'n1' }],
};
const APP = {
  name: 'demo_app',
  route_prefix: '/demo_app',
  docs_path: null,
  status: 'RUNNING',
  message: '',
  last_deployed_time_s: 1_700_000_000.5,
  deployed_app_config: { import_path: 'demo.app:app' },
  source: 'declarative',
  deployments: { Ingress: DEPLOYMENT },
};
const SERVE = {
  controller_info: { node_id: 'n1', actor_name: 'SERVE_CONTROLLER_ACTOR' },
  proxy_location: 'EveryNode',
  http_options: {
    host: '0.0.0.0',
    port: 8000,
    root_path: '',
    request_timeout_s: null,
    keep_alive_timeout_s: 5,
  },
  grpc_options: { port: 9000, grpc_servicer_functions: [], request_timeout_s: null },
  proxies: { n1: { node_id: 'n1', actor_name: 'SERVE_PROXY_ACTOR-n1', status: 'HEALTHY' } },
  deploy_mode: 'MULTI_APP',
  applications: { demo_app: APP },
  target_capacity: null,
};
const NODE = { node_id: 'n1', node_ip: '10.0.0.1', is_head_node: true, state: 'ALIVE', state_message: null };
const SUMMARY = { hostname: 'ray-head', ip: '10.0.0.1', cpu: 12.5, raylet: { nodeId: 'n1', state: 'ALIVE' } };

const state = (rows: unknown[]) => ({
  result: true,
  msg: '',
  data: {
    result: {
      total: rows.length,
      num_after_truncation: rows.length,
      num_filtered: rows.length,
      result: rows,
    },
  },
});
const legacy = (data: unknown) => ({ result: true, msg: 'fetched', data });

type Call = (client: RayClient) => Promise<unknown>;
/** A method, the request it sends (a query after `?`), a reply that breaks its schema, and the field at fault. */
type Case = [string, Call, string, string, unknown, string];

const MALFORMED: Case[] = [
  ['getVersion', (c) => c.getVersion(), 'GET', '/api/version', { ...VERSION, version: 4 }, 'version'],
  [
    'submitJob',
    (c) => c.submitJob({ entrypoint: 'echo hi' }),
    'POST',
    '/api/jobs/',
    { submission_id: 5 },
    'submission_id',
  ],
  ['listJobs', (c) => c.listJobs(), 'GET', '/api/jobs/', [JOB, { ...JOB, status: 'DONE' }], '1.status'],
  [
    'getJobInfo',
    (c) => c.getJobInfo('s1'),
    'GET',
    '/api/jobs/s1',
    { ...JOB, driver_info: { id: '02000000', node_ip_address: '10.0.0.2', pid: 4242 } },
    'driver_info.pid',
  ],
  ['getJobStatus', (c) => c.getJobStatus('s1'), 'GET', '/api/jobs/s1', { ...JOB, type: 'JOB' }, 'type'],
  ['stopJob', (c) => c.stopJob('s1'), 'POST', '/api/jobs/s1/stop', { stopped: 'true' }, 'stopped'],
  ['deleteJob', (c) => c.deleteJob('s1'), 'DELETE', '/api/jobs/s1', { removed: true }, 'deleted'],
  ['getJobLogs', (c) => c.getJobLogs('s1'), 'GET', '/api/jobs/s1/logs', { logs: ['a', 'b'] }, 'logs'],
  [
    'listNodes',
    (c) => c.listNodes({ view: 'summary' }),
    'GET',
    '/nodes?view=summary',
    legacy({ summary: [SUMMARY, { raylet: { nodeId: 7 } }] }),
    'data.summary.1.raylet.nodeId',
  ],
  [
    'getNode',
    (c) => c.getNode('n1'),
    'GET',
    '/nodes/n1',
    legacy({ detail: { ...SUMMARY, actors: {}, workers: {} } }),
    'data.detail.workers',
  ],
  [
    'getServeApplications',
    (c) => c.getServeApplications(),
    'GET',
    '/api/serve/applications/',
    { ...SERVE, proxies: { n1: { status: 3 } } },
    'proxies.n1.status',
  ],
  [
    'listServeApplications',
    (c) => c.listServeApplications(),
    'GET',
    '/api/serve/applications/',
    { ...SERVE, applications: { demo_app: { ...APP, deployments: 'Ingress' } } },
    'applications.demo_app.deployments',
  ],
  [
    'getServeApplication',
    (c) => c.getServeApplication('demo_app'),
    'GET',
    '/api/serve/applications/',
    { ...SERVE, applications: { demo_app: { ...APP, deployments: { Ingress: { name: 'Ingress' } } } } },
    'applications.demo_app.deployments.Ingress.status',
  ],
  [
    'listClusterNodes',
    (c) => c.listClusterNodes({ limit: 5 }),
    'GET',
    '/api/v0/nodes?limit=5',
    state([NODE, { ...NODE, resources_total: { CPU: '8' } }]),
    'data.result.result.1.resources_total.CPU',
  ],
  [
    'listActors',
    (c) => c.listActors(),
    'GET',
    '/api/v0/actors',
    state([{ class_name: 'Trainer', state: 'ALIVE' }]),
    'data.result.result.0.actor_id',
  ],
  [
    'listClusterTasks',
    (c) => c.listClusterTasks({ detail: true }),
    'GET',
    '/api/v0/tasks?detail=true',
    state([{ task_id: 't1', state: 'FINISHED', events: [{ state: 'FINISHED' }] }]),
    'data.result.result.0.events.0.created_ms',
  ],
  [
    'listClusterJobs',
    (c) => c.listClusterJobs(),
    'GET',
    '/api/v0/jobs',
    state([{ job_id: null, submission_id: 's1', type: 'SUBMISSION', status: 'DONE' }]),
    'data.result.result.0.status',
  ],
  [
    'listClusterJobs (the list)',
    (c) => c.listClusterJobs(),
    'GET',
    '/api/v0/jobs',
    { result: true, msg: '', data: { result: { total: 1, result: 'rows' } } },
    'data.result.result',
  ],
];

describe('RayClient: a reply that breaks its method’s schema is a ResponseValidationError', () => {
  it.each(MALFORMED)('%s', async (_, call, method, target, reply, field) => {
    const { api, client } = setup();
    const [path, search = ''] = target.split('?');
    api.on(method, path as string).reply(200, reply);
    const error = await caught(call(client));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method, url: `${BASE}${target}`, path: field });
    expect((error as ResponseValidationError).issues[0]).toMatch(
      new RegExp(`^${field.replace(/\./g, '\\.')}: `),
    );
    expect((error as Error).message).toContain(`${method} ${BASE}${target}`);
    const req = await api.single();
    expect(req).toMatchObject({ method, path, search });
    if (method === 'POST' && path === '/api/jobs/') expect(req.json).toEqual({ entrypoint: 'echo hi' });
    else expect(req.body).toBe('');
    expect(req.headers).toMatchObject(HEADERS);
  });

  it('never quotes the values it refused', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/jobs/s1').reply(200, { ...JOB, entrypoint: 42, message: 'secret-in-message' });
    const error = (await caught(client.getJobInfo('s1'))) as ResponseValidationError;
    expect(error.path).toBe('entrypoint');
    const printed = `${error.message} ${JSON.stringify(error.toJSON())}`;
    expect(printed).not.toContain('42');
    expect(printed).not.toContain('secret-in-message');
  });
});

describe('RayClient: a valid reply keeps the keys its model does not name', () => {
  const extra = { added_in_a_later_ray: { any: 'thing' } };

  it.each<[string, Call, string, string, unknown, unknown]>([
    [
      'getVersion',
      (c) => c.getVersion(),
      'GET',
      '/api/version',
      { ...VERSION, ...extra },
      { ...VERSION, ...extra },
    ],
    [
      'getJobInfo',
      (c) => c.getJobInfo('s1'),
      'GET',
      '/api/jobs/s1',
      { ...JOB, attempt_number: 0, ...extra },
      { ...JOB, attempt_number: 0, ...extra },
    ],
    ['listJobs', (c) => c.listJobs(), 'GET', '/api/jobs/', [{ ...JOB, ...extra }], [{ ...JOB, ...extra }]],
    [
      'submitJob',
      (c) => c.submitJob({ entrypoint: 'echo hi' }),
      'POST',
      '/api/jobs/',
      { job_id: 'raysubmit_2', submission_id: 'raysubmit_2', ...extra },
      'raysubmit_2',
    ],
    [
      'getServeApplications',
      (c) => c.getServeApplications(),
      'GET',
      '/api/serve/applications/',
      { ...SERVE, ...extra, applications: { demo_app: { ...APP, ...extra } } },
      { ...SERVE, ...extra, applications: { demo_app: { ...APP, ...extra } } },
    ],
    [
      'getServeApplication',
      (c) => c.getServeApplication('demo_app'),
      'GET',
      '/api/serve/applications/',
      { ...SERVE, applications: { demo_app: { ...APP, ...extra } } },
      { ...APP, ...extra, deployments: [DEPLOYMENT] },
    ],
    [
      'listNodes',
      (c) => c.listNodes({ view: 'summary' }),
      'GET',
      '/nodes?view=summary',
      legacy({ summary: [{ ...SUMMARY, ...extra }], nodeLogicalResources: {} }),
      [{ ...SUMMARY, ...extra }],
    ],
    [
      'getNode',
      (c) => c.getNode('n1'),
      'GET',
      '/nodes/n1',
      legacy({ detail: { ...SUMMARY, actors: { a1: { state: 'ALIVE' } }, workers: [{ pid: 1 }], ...extra } }),
      { ...SUMMARY, actors: { a1: { state: 'ALIVE' } }, workers: [{ pid: 1 }], ...extra },
    ],
  ])('%s', async (_, call, method, target, reply, expected) => {
    const { api, client } = setup();
    const [path, search = ''] = target.split('?');
    api.on(method, path as string).reply(200, reply);
    expect(await call(client)).toEqual(expected);
    const req = await api.single();
    expect(req).toMatchObject({ method, path, search });
    if (method === 'POST') expect(req.json).toEqual({ entrypoint: 'echo hi' });
    else expect(req.body).toBe('');
    expect(req.headers).toMatchObject(HEADERS);
  });

  it('listClusterNodes: rows keep their other columns', async () => {
    const { api, client } = setup();
    const row = { ...NODE, start_time_ms: 1_700_000_000_000, end_time_ms: 0, ...extra };
    api.on('GET', '/api/v0/nodes').reply(200, state([row]));
    expect((await client.listClusterNodes({ detail: true })).rows).toEqual([row]);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/api/v0/nodes', query: { detail: 'true' }, body: '' });
    expect(req.headers).toMatchObject(HEADERS);
  });
});
