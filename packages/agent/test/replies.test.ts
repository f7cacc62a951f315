import { mockClient, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import {
  AgentClient,
  type LongPollRequest,
  type LongPollResponse,
  ResponseValidationError,
} from '../src/index.js';

const BASE = 'https://agent.test';
const TOKEN = 'agent-secret-token';
const AUTH = { authorization: TOKEN };

const setup = () => mockClient(AgentClient, { baseUrl: BASE, agentToken: TOKEN });

useMockNetwork();

type Call = (client: AgentClient) => Promise<unknown>;
/** A method, the request it sends (`json`: its body), a reply that breaks its schema and the field at fault. */
type Case = [string, Call, string, string, unknown, unknown, string | undefined];

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
  metadata: { plugin_release: 'p@1' },
  runtime_env: { pip: ['torch'] },
  driver_agent_http_address: 'http://10.0.0.2:52365',
  driver_node_id: 'f040680a',
  driver_exit_code: null,
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
  deployments: [{ name: 'Ingress', status: 'HEALTHY' }],
};

const MALFORMED: Case[] = [
  ['healthCheck', (c) => c.healthCheck(), 'GET', '/health/', undefined, ['healthy'], undefined],
  ['getMetrics', (c) => c.getMetrics('cpu'), 'GET', '/metrics/cpu/', undefined, 'cpu: 12%', undefined],
  [
    'getCodeServerInfo',
    (c) => c.getCodeServerInfo('/ws'),
    'GET',
    '/code-server/info/?workspace=%2Fws',
    undefined,
    null,
    undefined,
  ],
  [
    'runPluginRelease',
    (c) => c.runPluginRelease('p@1', { action: 'train' }),
    'POST',
    '/plugin_releases/p%401/run/',
    { action: 'train' },
    { submission_id: 7 },
    'submission_id',
  ],
  [
    'runDebugPluginRelease',
    (c) => c.runDebugPluginRelease({ plugin_path: '/p' }),
    'POST',
    '/plugin_releases/run_debug/',
    { plugin_path: '/p' },
    { job_id: null },
    'job_id',
  ],
  [
    'createPluginRelease',
    (c) => c.createPluginRelease({ plugin: 'p' }),
    'POST',
    '/plugin_releases/',
    { plugin: 'p' },
    [{ id: 1 }],
    undefined,
  ],
  ['getJob', (c) => c.getJob('j1'), 'GET', '/jobs/j1/', undefined, { ...JOB, status: 3 }, 'status'],
  [
    'listJobs',
    (c) => c.listJobs(),
    'GET',
    '/jobs/',
    undefined,
    [JOB, { ...JOB, driver_info: { id: '03000000' } }],
    '1.driver_info.node_ip_address',
  ],
  ['stopJob', (c) => c.stopJob('j1'), 'POST', '/jobs/j1/stop/', undefined, { stopped: 'yes' }, 'stopped'],
  ['getNode', (c) => c.getNode('n1'), 'GET', '/nodes/n1/', undefined, [{ node_id: 'n1' }], undefined],
  ['listNodes', (c) => c.listNodes(), 'GET', '/nodes/', undefined, [{ node_id: 'n1' }, 'n2'], '1'],
  ['getTask', (c) => c.getTask('t1'), 'GET', '/tasks/t1/', undefined, 't1', undefined],
  ['listTasks', (c) => c.listTasks(), 'GET', '/tasks/', undefined, { task_id: 't1' }, undefined],
  [
    'getServeApplication',
    (c) => c.getServeApplication('demo_app'),
    'GET',
    '/serve_applications/demo_app/',
    undefined,
    { ...APP, deployments: { Ingress: { name: 'Ingress' } } },
    'deployments',
  ],
  [
    'listServeApplications',
    (c) => c.listServeApplications(),
    'GET',
    '/serve_applications/',
    undefined,
    [{ ...APP, name: 5 }],
    '0.name',
  ],
];

describe('AgentClient: a reply that breaks its method’s schema is a ResponseValidationError', () => {
  it.each(MALFORMED)('%s', async (_, call, method, target, json, reply, field) => {
    const { api, client } = setup();
    const [path, search = ''] = target.split('?');
    api.on(method, path as string).reply(200, reply);
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method, url: `${BASE}${target}`, path: field });
    expect((error as ResponseValidationError).issues.length).toBeGreaterThan(0);
    expect((error as Error).message).toContain(`${method} ${BASE}${target}`);
    const req = await api.single();
    expect(req).toMatchObject({ method, path, search, ...(json ? { json } : { body: '' }) });
    expect(req.headers).toMatchObject(AUTH);
  });
});

describe('AgentClient: a valid reply keeps the keys its model does not name', () => {
  const extra = { relayed_by: 'agent-7' };
  const VALID: [string, Call, string, string, unknown][] = [
    ['healthCheck', (c) => c.healthCheck(), 'GET', '/health/', { status: 'healthy', ...extra }],
    [
      'runPluginRelease',
      (c) => c.runPluginRelease('p@1', { action: 'train' }),
      'POST',
      '/plugin_releases/p%401/run/',
      { job_id: 'raysubmit_1', submission_id: 'raysubmit_1', ...extra },
    ],
    ['getJob', (c) => c.getJob('j1'), 'GET', '/jobs/j1/', { ...JOB, attempt_number: 0, ...extra }],
    ['listJobs', (c) => c.listJobs(), 'GET', '/jobs/', [{ ...JOB, ...extra }, { status: 'PENDING' }]],
    ['stopJob', (c) => c.stopJob('j1'), 'POST', '/jobs/j1/stop/', { stopped: true, ...extra }],
    ['listNodes', (c) => c.listNodes(), 'GET', '/nodes/', [{ node_id: 'n1', ...extra }]],
    ['listTasks', (c) => c.listTasks(), 'GET', '/tasks/', []],
    [
      'getServeApplication',
      (c) => c.getServeApplication('demo_app'),
      'GET',
      '/serve_applications/demo_app/',
      { ...APP, ...extra },
    ],
    ['listServeApplications', (c) => c.listServeApplications(), 'GET', '/serve_applications/', [APP]],
  ];
  it.each(VALID)('%s', async (_, call, method, path, reply) => {
    const { api, client } = setup();
    api.on(method, path).reply(200, reply);
    expect(await call(client)).toEqual(reply);
    const req = await api.single();
    expect(req).toMatchObject({ method, path, search: '' });
    if (path.endsWith('/run/')) expect(req.json).toEqual({ action: 'train' });
    else expect(req.body).toBe('');
    expect(req.headers).toMatchObject(AUTH);
  });
});

describe('long-poll mode: the same schemas check the relayed replies', () => {
  function relayed(data: unknown) {
    const sent: LongPollRequest[] = [];
    const client = new AgentClient({
      baseUrl: BASE,
      agentToken: TOKEN,
      longPollHandler: {
        setRequest: (request) => sent.push(request),
        getResponse: (): LongPollResponse => ({ status: 200, reason: 'OK', data }),
      },
    });
    return { client, sent };
  }
  const HEADERS = { Authorization: TOKEN, 'Content-Type': 'application/json' };

  it.each<[string, Call, string, string, unknown, string | undefined]>([
    ['getJob', (c) => c.getJob('j1'), 'GET', 'jobs/j1/', { status: 3 }, 'status'],
    ['listNodes', (c) => c.listNodes(), 'GET', 'nodes/', { node_id: 'n1' }, undefined],
    ['stopJob', (c) => c.stopJob('j1'), 'POST', 'jobs/j1/stop/', { stopped: 1 }, 'stopped'],
    [
      'listServeApplications',
      (c) => c.listServeApplications(),
      'GET',
      'serve_applications/',
      [{ deployments: [3] }],
      '0.deployments.0',
    ],
  ])(
    '%s: a malformed reply names the method, the path and the field',
    async (_, call, method, path, data, field) => {
      const { client, sent } = relayed(data);
      const error = await call(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ method, url: path, path: field });
      expect((error as Error).message).toContain(`${method} ${path}`);
      expect(sent).toStrictEqual([{ method, path, headers: HEADERS }]);
    },
  );

  it('a valid relayed reply keeps the keys its model does not name', async () => {
    const data = { submission_id: 'raysubmit_1', job_id: 'raysubmit_1', queued: true };
    const { client, sent } = relayed(data);
    expect(await client.runPluginRelease('p@1', { action: 'train' })).toEqual(data);
    expect(sent).toStrictEqual([
      { method: 'POST', path: 'plugin_releases/p%401/run/', headers: HEADERS, data: { action: 'train' } },
    ]);
  });

  it('a malformed reply never shows the values it carried', async () => {
    const { client } = relayed({ ...JOB, submission_id: 404, entrypoint: `echo ${TOKEN}` });
    const error = (await client.getJob('j1').catch((e: unknown) => e)) as ResponseValidationError;
    expect(error.path).toBe('submission_id');
    expect(JSON.stringify(error.toJSON())).not.toContain('404');
    expect(JSON.stringify(error.toJSON())).not.toContain(TOKEN);
  });
});
