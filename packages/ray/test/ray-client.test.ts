import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientError, NotFoundError, RayClient, ValidationError } from '../src/index.js';
import { BASE, setup } from './helpers.js';

const JOB = {
  type: 'SUBMISSION',
  job_id: null,
  submission_id: 's1',
  status: 'PENDING',
  entrypoint: 'echo hi',
};

beforeAll(blockNetwork);
afterEach(resetNetwork);

describe('RayClient: Python parity', () => {
  it('listNodes: GET nodes (no slash) → data.summary, no auth headers', async () => {
    const { api, client } = setup();
    api.on('GET', '/nodes').reply(200, { result: true, msg: '', data: { summary: [{ ip: '1' }] } });
    expect(await client.listNodes({ view: 'summary' })).toEqual([{ ip: '1' }]);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/nodes', query: { view: 'summary' }, body: '' });
    expect(req.headers.authorization).toBeUndefined();
  });

  it('listNodes: falsy result → ClientError 200 with msg', async () => {
    const { api, client } = setup();
    api.on('GET', '/nodes').reply(200, { result: false, msg: 'nope', data: {} });
    await expect(client.listNodes()).rejects.toMatchObject({ status: 200, reason: 'nope' });
  });

  it('getNode: GET nodes/{id} → data.detail, where Ray puts it; 200 on falsy result; 404 Node Not Found for the detail of an unknown node', async () => {
    const { api, client } = setup();
    const known = { ip: '1', raylet: { nodeId: 'n1', state: 'ALIVE' }, actors: {}, workers: [] };
    const unknown = { raylet: { objectStoreUsedMemory: 0, stateMessage: null }, actors: {}, workers: [] };
    api
      .on('GET', '/nodes/n1')
      .reply(200, { result: true, msg: 'Node details fetched.', data: { detail: known } })
      .on('GET', '/nodes/n2')
      .reply(200, { result: false, msg: 'bad', data: {} })
      .on('GET', '/nodes/n3')
      .reply(200, { result: true, msg: 'Node details fetched.', data: { detail: unknown } });
    expect(await client.getNode('n1', { a: 1 })).toEqual(known);
    await expect(client.getNode('n2')).rejects.toMatchObject({ status: 200, reason: 'bad' });
    const missing = await client.getNode('n3').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, reason: 'Node Not Found' });
    const [first] = await api.all();
    expect(first).toMatchObject({ method: 'GET', path: '/nodes/n1', query: { a: '1' }, body: '' });
    expect(first?.headers.authorization).toBeUndefined();
  });

  const D1 = { name: 'D1', status: 'HEALTHY' };
  const D2 = { name: 'D2', status: 'UPDATING' };
  const details = {
    applications: {
      a: { name: 'a', status: 'RUNNING', deployments: { D1, D2 } },
      b: { name: 'b', status: 'DEPLOYING', deployments: {} },
    },
  };

  it('listServeApplications / getServeApplication: deployments become lists', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/serve/applications/', 3).reply(200, details);
    expect(await client.listServeApplications({ api_type: 'declarative' })).toEqual([
      { name: 'a', status: 'RUNNING', deployments: [D1, D2] },
      { name: 'b', status: 'DEPLOYING', deployments: [] },
    ]);
    expect(await client.getServeApplication('a')).toEqual({
      name: 'a',
      status: 'RUNNING',
      deployments: [D1, D2],
    });
    await expect(client.getServeApplication('zzz')).rejects.toMatchObject({
      status: 404,
      reason: 'Serve Application Not Found',
    });
    expect((await api.all())[0]).toMatchObject({ method: 'GET', query: { api_type: 'declarative' } });
  });
});

describe('RayClient: Serve and version', () => {
  it('getServeApplications returns the raw body; deploy PUTs JSON; delete DELETEs', async () => {
    const { api, client } = setup();
    const config = { applications: [{ name: 'x', import_path: 'm:app', route_prefix: '/x' }] };
    api
      .on('GET', '/api/serve/applications/')
      .reply(200, details())
      .on('PUT', '/api/serve/applications/')
      .reply(200, '')
      .on('DELETE', '/api/serve/applications/')
      .reply(200, '');
    expect(await client.getServeApplications()).toEqual(details());
    expect(await client.deployServeApplications(config)).toBeUndefined();
    expect(await client.deleteServeApplications()).toBeUndefined();
    const [, put, del] = await api.all();
    expect(put).toMatchObject({ method: 'PUT', path: '/api/serve/applications/', json: config });
    expect(put?.headers['content-type']).toBe('application/json');
    expect(del).toMatchObject({ method: 'DELETE', path: '/api/serve/applications/', body: '' });
    function details() {
      return { applications: {}, proxy_location: 'EveryNode' };
    }
  });

  it('deployServeApplications validates the config before sending', async () => {
    const { api, client } = setup();
    await expect(client.deployServeApplications({ applications: [{}] } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(api.requests).toHaveLength(0);
  });

  it('getVersion: GET api/version', async () => {
    const { api, client } = setup();
    const body = { version: '4', ray_version: '2.40.0', ray_commit: 'abc' };
    api.on('GET', '/api/version').reply(200, body);
    expect(await client.getVersion()).toEqual(body);
    expect(await api.single()).toMatchObject({ method: 'GET', path: '/api/version', search: '' });
  });
});

describe('RayClient: Jobs API', () => {
  it('submitJob: POST api/jobs/ with the snake_case body; returns the submission id', async () => {
    const { api, client } = setup();
    api.on('POST', '/api/jobs/').reply(200, { job_id: 'my-id', submission_id: 'my-id' });
    const id = await client.submitJob({
      entrypoint: 'python train.py',
      submissionId: 'my-id',
      runtimeEnv: { pip: ['requests'], env_vars: { A: '1' } },
      metadata: { owner: 'me' },
      entrypointNumCpus: 1,
      entrypointNumGpus: 0.5,
      entrypointMemory: 1024,
      entrypointResources: { custom: 2 },
    });
    expect(id).toBe('my-id');
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/api/jobs/', search: '' });
    expect(req.json).toEqual({
      entrypoint: 'python train.py',
      submission_id: 'my-id',
      runtime_env: { pip: ['requests'], env_vars: { A: '1' } },
      metadata: { owner: 'me' },
      entrypoint_num_cpus: 1,
      entrypoint_num_gpus: 0.5,
      entrypoint_memory: 1024,
      entrypoint_resources: { custom: 2 },
    });
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('submitJob sends only what was given and validates first', async () => {
    const { api, client } = setup();
    api.on('POST', '/api/jobs/').reply(200, { job_id: 'raysubmit_x', submission_id: 'raysubmit_x' });
    expect(await client.submitJob({ entrypoint: 'echo hi' })).toBe('raysubmit_x');
    expect((await api.single()).json).toEqual({ entrypoint: 'echo hi' });
    for (const bad of [
      {},
      { entrypoint: '' },
      { entrypoint: 'x', entrypointMemory: 1.5 },
      { entrypoint: 'x', nope: 1 },
    ]) {
      await expect(client.submitJob(bad as never)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(api.requests).toHaveLength(1);
  });

  it('listJobs, getJobInfo, getJobStatus, stopJob, deleteJob, getJobLogs', async () => {
    const { api, client } = setup();
    api
      .on('GET', '/api/jobs/')
      .reply(200, [JOB])
      .on('GET', '/api/jobs/s1', 2)
      .reply(200, JOB)
      .on('POST', '/api/jobs/s1/stop')
      .reply(200, { stopped: true })
      .on('DELETE', '/api/jobs/s1')
      .reply(200, { deleted: true })
      .on('GET', '/api/jobs/s1/logs')
      .reply(200, { logs: 'a\nb\n' });
    expect(await client.listJobs()).toEqual([JOB]);
    expect(await client.getJobInfo('s1')).toEqual(JOB);
    expect(await client.getJobStatus('s1')).toBe('PENDING');
    expect(await client.stopJob('s1')).toBe(true);
    expect(await client.deleteJob('s1')).toBe(true);
    expect(await client.getJobLogs('s1')).toBe('a\nb\n');
    const sent = (await api.all()).map((r) => `${r.method} ${r.path} ${r.body}`);
    expect(sent).toEqual([
      'GET /api/jobs/ ',
      'GET /api/jobs/s1 ',
      'GET /api/jobs/s1 ',
      'POST /api/jobs/s1/stop ',
      'DELETE /api/jobs/s1 ',
      'GET /api/jobs/s1/logs ',
    ]);
  });

  it("Ray's plain-text errors become ClientErrors with the status and the text", async () => {
    const { api, client } = setup();
    api
      .on('GET', '/api/jobs/nope')
      .reply(404, 'Job nope does not exist')
      .on('DELETE', '/api/jobs/s1')
      .reply(
        500,
        "Traceback (most recent call last):\n  File x\nRuntimeError: Attempted to delete job 's1'\n",
      );
    const missing = (await client.getJobInfo('nope').catch((e: unknown) => e)) as ClientError;
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, reason: 'Not Found', body: 'Job nope does not exist' });
    expect(missing.message).toContain('Job nope does not exist');
    const busy = (await client.deleteJob('s1').catch((e: unknown) => e)) as ClientError;
    expect(busy.status).toBe(500);
    expect(busy.message).toContain("RuntimeError: Attempted to delete job 's1'");
  });

  it('waitForJob polls until a terminal status; a TimeoutError when it never ends', async () => {
    const { api, client } = setup();
    api
      .on('GET', '/api/jobs/s1')
      .reply(200, JOB)
      .on('GET', '/api/jobs/s1')
      .reply(200, { ...JOB, status: 'RUNNING' })
      .on('GET', '/api/jobs/s1')
      .reply(200, { ...JOB, status: 'SUCCEEDED' });
    expect(await client.waitForJob('s1', { pollInterval: 0.01 })).toMatchObject({ status: 'SUCCEEDED' });
    expect(api.requests).toHaveLength(3);
    api.on('GET', '/api/jobs/s2', 100).reply(200, { ...JOB, status: 'RUNNING' });
    await expect(client.waitForJob('s2', { waitTimeout: 0.05, pollInterval: 0.01 })).rejects.toMatchObject({
      status: 408,
      name: 'TimeoutError',
    });
    await expect(client.waitForJob('s2', { waitTimeout: -1 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('RayClient: State API', () => {
  const envelope = (row: Record<string, unknown>) => ({
    result: true,
    msg: '',
    data: {
      result: {
        total: 5,
        num_after_truncation: 5,
        num_filtered: 2,
        result: [row],
        partial_failure_warning: '',
        warnings: null,
      },
    },
  });

  it('listClusterNodes: limit, detail, filters, serverTimeout (sent as timeout) on api/v0/nodes', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/v0/nodes').reply(200, envelope({ node_id: 'a', state: 'ALIVE' }));
    const list = await client.listClusterNodes({
      limit: 1,
      detail: true,
      serverTimeout: 10,
      filters: [
        ['state', '=', 'ALIVE'],
        ['is_head_node', '!=', true],
      ],
    });
    expect(list).toEqual({
      rows: [{ node_id: 'a', state: 'ALIVE' }],
      total: 5,
      numAfterTruncation: 5,
      numFiltered: 2,
      partialFailureWarning: '',
      warnings: null,
    });
    expect((await api.single()).query).toEqual({
      limit: '1',
      timeout: '10',
      detail: 'true',
      filter_keys: ['state', 'is_head_node'],
      filter_predicates: ['=', '!='],
      filter_values: ['ALIVE', 'true'],
    });
  });

  const ACTOR = { actor_id: 'f6c408b3', class_name: 'Trainer', state: 'ALIVE', name: null };
  const TASK = { task_id: 'b19e472d', attempt_number: 0, state: 'FINISHED', type: 'NORMAL_TASK' };

  it('listActors, listClusterTasks (exclude_driver), listClusterJobs', async () => {
    const { api, client } = setup();
    api
      .on('GET', '/api/v0/actors')
      .reply(200, envelope(ACTOR))
      .on('GET', '/api/v0/tasks')
      .reply(200, envelope(TASK))
      .on('GET', '/api/v0/jobs')
      .reply(200, envelope(JOB));
    expect((await client.listActors()).rows).toEqual([ACTOR]);
    expect((await client.listClusterTasks({ excludeDriver: false })).rows).toEqual([TASK]);
    expect((await client.listClusterJobs({ limit: 3 })).rows).toEqual([JOB]);
    const [actors, tasks, jobs] = await api.all();
    expect(actors).toMatchObject({ path: '/api/v0/actors', search: '' });
    expect(tasks?.query).toEqual({ exclude_driver: 'false' });
    expect(jobs?.query).toEqual({ limit: '3' });
  });

  it('a result: false envelope → ClientError with msg (HTTP 400 or 200)', async () => {
    const { api, client } = setup();
    api
      .on('GET', '/api/v0/nodes')
      .reply(400, {
        result: false,
        msg: 'Given limit 20000 exceeds the supported limit',
        data: { result: null },
      })
      .on('GET', '/api/v0/actors')
      .reply(200, { result: false, msg: 'busy', data: { result: null } });
    const bad = (await client.listClusterNodes({ limit: 20_000 }).catch((e: unknown) => e)) as ClientError;
    expect(bad.status).toBe(400);
    expect(bad.message).toContain('exceeds the supported limit');
    await expect(client.listActors()).rejects.toMatchObject({ status: 200, reason: 'busy' });
  });

  it('validates options before sending', async () => {
    const { api, client } = setup();
    await expect(client.listClusterNodes({ filters: [['state', '~', 'x']] as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(client.listClusterNodes({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('RayClient: options', () => {
  it('sends the headers option and keeps credential values out of errors', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/api/version').reply(500, 'failed for Bearer secret-ray-token');
    const client = new RayClient({
      baseUrl: BASE,
      maxRetries: 0,
      headers: { Authorization: 'Bearer secret-ray-token' },
    });
    const error = (await client.getVersion().catch((e: unknown) => e)) as ClientError;
    expect((await api.single()).headers.authorization).toBe('Bearer secret-ray-token');
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain('secret-ray-token');
  });

  it('a plain-http dashboard needs no allowInsecureHttp: Ray has no credentials of its own', async () => {
    const api = new MockApi('http://ray-head:8265');
    const version = { version: '4', ray_version: '2.40.0', ray_commit: 'abc' };
    api.on('GET', '/api/version').reply(200, version);
    const client = new RayClient({ baseUrl: 'http://ray-head:8265', maxRetries: 0 });
    expect(await client.getVersion()).toEqual(version);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/api/version', search: '' });
    expect(req.headers.authorization).toBeUndefined();
  });

  it('a plain-http dashboard with credential headers needs allowInsecureHttp', () => {
    const headers = { Authorization: 'Bearer secret-ray-token' };
    expect(() => new RayClient({ baseUrl: 'http://ray-head:8265', headers })).toThrow(/plain http/);
    expect(
      () => new RayClient({ baseUrl: 'http://ray-head:8265', headers, allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it('rejects unknown options', () => {
    expect(() => new RayClient({ baseUrl: BASE, agentToken: 'x' } as never)).toThrow(/Unknown client option/);
    expect(RayClient.clientName).toBe('Ray');
  });
});
