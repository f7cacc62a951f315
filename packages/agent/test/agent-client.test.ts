import { MockApi, mockClient, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { AgentClient, ClientError, ValidationError } from '../src/index.js';

const BASE = 'https://agent.test';
const AGENT_TOKEN = 'agent-secret-token';
const AUTH = {
  authorization: AGENT_TOKEN,
  'synapse-user': 'Token user-secret-token',
  'synapse-tenant': 'Token tenant-secret',
};

const setup = () =>
  mockClient(AgentClient, {
    baseUrl: BASE,
    agentToken: AGENT_TOKEN,
    userToken: 'user-secret-token',
    tenant: 'tenant-secret',
  });

useMockNetwork();

describe('AgentClient: construction and auth', () => {
  it('sends the raw agent token in Authorization and nothing else without user or tenant', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/health/').reply(200, { status: 'healthy' });
    const client = new AgentClient({ baseUrl: BASE, agentToken: AGENT_TOKEN });
    expect(await client.healthCheck()).toEqual({ status: 'healthy' });
    const req = await api.single();
    expect(req.headers.authorization).toBe(AGENT_TOKEN);
    expect(req.headers['synapse-user']).toBeUndefined();
    expect(req.headers['synapse-tenant']).toBeUndefined();
    expect(req.headers['agent-token']).toBeUndefined();
  });

  it('sends no SYNAPSE-User or SYNAPSE-Tenant for empty userToken and tenant', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/health/').reply(200, { status: 'healthy' });
    const client = new AgentClient({ baseUrl: BASE, agentToken: AGENT_TOKEN, userToken: '', tenant: '' });
    expect(await client.healthCheck()).toEqual({ status: 'healthy' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/health/', search: '', body: '' });
    expect(req.headers.authorization).toBe(AGENT_TOKEN);
    expect(req.headers['synapse-user']).toBeUndefined();
    expect(req.headers['synapse-tenant']).toBeUndefined();
  });

  it('names the option at fault', () => {
    const handler = { setRequest: () => 1, getResponse: () => ({ status: 200 }) };
    const NEEDS = /^longPollHandler needs setRequest and getResponse methods$/;
    const invalid: [Record<string, unknown>, string, RegExp][] = [
      [{}, 'agentToken', /^agentToken is required/],
      [{ agentToken: 7 }, 'agentToken', /^agentToken is required/],
      [{ agentToken: 'a\rb' }, 'agentToken', /^agentToken must not contain CR, LF/],
      [{ agentToken: 'x', userToken: 'a\nb' }, 'userToken', /^userToken must not contain CR, LF/],
      [{ agentToken: 'x', tenant: 5 }, 'tenant', /^tenant must be a string/],
      [{ agentToken: 'x', longPollHandler: null }, 'longPollHandler', NEEDS],
      [{ agentToken: 'x', longPollHandler: { setRequest: handler.setRequest } }, 'longPollHandler', NEEDS],
      [{ agentToken: 'x', longPollHandler: { getResponse: handler.getResponse } }, 'longPollHandler', NEEDS],
      [{ agentToken: 'x', longPollHandler: { ...handler, getResponse: {} } }, 'longPollHandler', NEEDS],
    ];
    for (const [options, argument, message] of invalid) {
      let error: unknown;
      try {
        new AgentClient({ baseUrl: BASE, ...options } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ argument, message: expect.stringMatching(message) });
    }
    expect(new AgentClient({ baseUrl: BASE, agentToken: 'x', longPollHandler: handler })).toBeInstanceOf(
      AgentClient,
    );
  });

  it('requires agentToken', () => {
    expect(() => new AgentClient({ baseUrl: BASE } as never)).toThrow(ValidationError);
    expect(() => new AgentClient({ baseUrl: BASE, agentToken: '' })).toThrow(/agentToken is required/);
  });

  it('rejects unknown options and a long-poll handler without its methods', () => {
    expect(() => new AgentClient({ baseUrl: BASE, agentToken: 'x', token: 'y' } as never)).toThrow(
      /Unknown client option: token/,
    );
    expect(() => new AgentClient({ baseUrl: BASE, agentToken: 'x', longPollHandler: {} as never })).toThrow(
      /setRequest and getResponse/,
    );
  });

  it('uses the agent default timeouts and names itself Agent', () => {
    expect(AgentClient.defaultTimeout).toEqual({ connect: 3, read: 10 });
    expect(AgentClient.clientName).toBe('Agent');
  });

  it('never shows the tokens in error messages or toJSON', async () => {
    const { api, client } = setup();
    api.on('GET', '/jobs/x/').reply(400, { detail: `bad token ${AGENT_TOKEN} user-secret-token` });
    const error = (await client.getJob('x').catch((e: unknown) => e)) as ClientError;
    expect(error).toBeInstanceOf(ClientError);
    const printed = `${error.message} ${JSON.stringify(error.toJSON())} ${JSON.stringify(error.headers)}`;
    expect(printed).not.toContain(AGENT_TOKEN);
    expect(printed).not.toContain('user-secret-token');
    expect(printed).toContain('[REDACTED]');
  });

  it('keeps the tokens out of debug logs', async () => {
    const lines: string[] = [];
    const log = (message: string, meta?: unknown) => lines.push(`${message} ${JSON.stringify(meta ?? {})}`);
    const api = new MockApi(BASE);
    api.on('GET', '/health/').reply(200, {});
    const client = new AgentClient({
      baseUrl: BASE,
      agentToken: AGENT_TOKEN,
      userToken: 'user-secret-token',
      logger: { debug: log },
    });
    await client.healthCheck();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(AGENT_TOKEN);
    expect(lines.join('\n')).not.toContain('user-secret-token');
  });
});

describe('AgentClient: core and service methods', () => {
  it('healthCheck: GET health/', async () => {
    const { api, client } = setup();
    api.on('GET', '/health/').reply(200, { status: 'healthy' });
    expect(await client.healthCheck()).toEqual({ status: 'healthy' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/health/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getMetrics: GET metrics/{panel}/', async () => {
    const { api, client } = setup();
    api.on('GET', '/metrics/cpu/').reply(200, { panel: 'cpu', data: [] });
    expect(await client.getMetrics('cpu')).toEqual({ panel: 'cpu', data: [] });
    expect(await api.single()).toMatchObject({ method: 'GET', path: '/metrics/cpu/', search: '' });
  });

  it('getCodeServerInfo: workspace only when given', async () => {
    const { api, client } = setup();
    api.on('GET', '/code-server/info/', 2).reply(200, { status: 'running' });
    expect(await client.getCodeServerInfo()).toEqual({ status: 'running' });
    await client.getCodeServerInfo('/home/me/ws');
    const [first, second] = await api.all();
    expect(first?.search).toBe('');
    expect(second?.query).toEqual({ workspace: '/home/me/ws' });
    expect(second?.headers).toMatchObject(AUTH);
  });

  it('runPluginRelease: POST plugin_releases/{code}/run/ with JSON', async () => {
    const { api, client } = setup();
    api.on('POST', '/plugin_releases/yolo%40v1/run/').reply(200, { job_id: 'j', submission_id: 'j' });
    const data = { action: 'train', params: { epochs: 2 } };
    expect(await client.runPluginRelease('yolo@v1', data)).toEqual({ job_id: 'j', submission_id: 'j' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', json: data });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('runDebugPluginRelease: POST plugin_releases/run_debug/', async () => {
    const { api, client } = setup();
    api.on('POST', '/plugin_releases/run_debug/').reply(200, { job_id: 'd' });
    expect(await client.runDebugPluginRelease({ plugin_path: '/p', action: 'run' })).toEqual({ job_id: 'd' });
    expect(await api.single()).toMatchObject({ json: { plugin_path: '/p', action: 'run' } });
  });

  it('createPluginRelease: POST plugin_releases/ as JSON (not multipart)', async () => {
    const { api, client } = setup();
    api.on('POST', '/plugin_releases/').reply(201, { id: 1, code: 'p@1' });
    expect(await client.createPluginRelease({ plugin: 'p', version: '1' })).toEqual({ id: 1, code: 'p@1' });
    const req = await api.single();
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json).toEqual({ plugin: 'p', version: '1' });
  });
});

describe('AgentClient: Ray proxy methods', () => {
  const reads: [string, (c: AgentClient) => Promise<unknown>, string, unknown][] = [
    ['getJob', (c) => c.getJob('raysubmit_1'), '/jobs/raysubmit_1/', { status: 'RUNNING' }],
    ['listJobs', (c) => c.listJobs(), '/jobs/', [{ status: 'RUNNING' }]],
    ['listJobLogs', (c) => c.listJobLogs('j1'), '/jobs/j1/logs/', { logs: 'a\nb\n' }],
    ['getNode', (c) => c.getNode('n1'), '/nodes/n1/', { node_id: 'n1' }],
    ['listNodes', (c) => c.listNodes(), '/nodes/', [{ node_id: 'n1' }]],
    ['getTask', (c) => c.getTask('t1'), '/tasks/t1/', { task_id: 't1' }],
    ['listTasks', (c) => c.listTasks(), '/tasks/', [{ task_id: 't1' }]],
    ['getServeApplication', (c) => c.getServeApplication('app'), '/serve_applications/app/', { name: 'app' }],
    ['listServeApplications', (c) => c.listServeApplications(), '/serve_applications/', [{ name: 'app' }]],
  ];
  for (const [name, call, url, body] of reads) {
    it(`${name}: GET ${url.slice(1)}`, async () => {
      const { api, client } = setup();
      api.on('GET', url).reply(200, body);
      expect(await call(client)).toEqual(body);
      const req = await api.single();
      expect(req).toMatchObject({ method: 'GET', path: url, search: '', body: '' });
      expect(req.headers).toMatchObject(AUTH);
    });
  }

  it("deleteServeApplication: DELETE serve_applications/{pk}/ returns '' for an empty body", async () => {
    const { api, client } = setup();
    api.on('DELETE', '/serve_applications/app/').reply(204);
    expect(await client.deleteServeApplication('app')).toBe('');
    const req = await api.single();
    expect(req).toMatchObject({ method: 'DELETE', path: '/serve_applications/app/', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('stopJob: POST jobs/{id}/stop/ with no body, result unchanged (behavior 23)', async () => {
    const { api, client } = setup();
    api.on('POST', '/jobs/job-123/stop/').reply(200, { stopped: true });
    expect(await client.stopJob('job-123')).toEqual({ stopped: true });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/jobs/job-123/stop/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('stopJob: an invalid id is a ClientError 400 and nothing is sent (behavior 24)', async () => {
    const { api, client } = setup();
    for (const [id, text] of [
      ['', 'job ID cannot be empty'],
      ['job/../malicious', 'Invalid job ID format'],
      ['x'.repeat(150), 'job ID too long'],
    ] as const) {
      const error = await client.stopJob(id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientError);
      expect(error).toMatchObject({ status: 400, reason: text });
    }
    expect(api.requests).toHaveLength(0);
  });

  it('stopJob: a failed POST propagates its ClientError 500 (behavior 24)', async () => {
    const { api, client } = setup();
    api.on('POST', '/jobs/job-123/stop/').reply(500, 'boom');
    const error = await client.stopJob('job-123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).status).toBe(500);
  });

  it('an HTTP error keeps its status and the reason phrase', async () => {
    const { api, client } = setup();
    api.on('GET', '/jobs/nope/').reply(404, { detail: 'Not found.' });
    await expect(client.getJob('nope')).rejects.toMatchObject({ status: 404, reason: 'Not Found' });
  });
});
