import { useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { type IntegrationClient, ResponseValidationError } from '../src/index.js';
import { AUTH, BASE, setup } from './helpers.js';

useMockNetwork();

type Call = (client: IntegrationClient) => Promise<unknown>;

const STORAGE = { name: 'local', category: 'internal', provider: 'file_system' } as const;
const release = { plugin: 4, file: new Uint8Array([1]) };

describe('a reply that breaks the method’s schema is a ResponseValidationError naming the field', () => {
  it.each([
    ['getPlugin with a text id', (c) => c.getPlugin(3), 'GET', '/plugins/3/', { id: '3' }, 'id'],
    [
      'getPlugin with a numeric code',
      (c) => c.getPlugin(3),
      'GET',
      '/plugins/3/',
      { id: 3, code: 7 },
      'code',
    ],
    [
      'createPlugin with a numeric name',
      (c) => c.createPlugin({}),
      'POST',
      '/plugins/',
      { id: 4, name: 1 },
      'name',
    ],
    ['updatePlugin without id', (c) => c.updatePlugin(4, {}), 'PUT', '/plugins/4/', { code: 'seg' }, 'id'],
    [
      'runPlugin with a null job id',
      (c) => c.runPlugin(4, {}),
      'POST',
      '/plugins/4/run/',
      { job_id: null },
      'job_id',
    ],
    [
      'getPluginRelease with a numeric version',
      (c) => c.getPluginRelease(9),
      'GET',
      '/plugin_releases/9/',
      { id: 9, version: 1 },
      'version',
    ],
    [
      'createPluginRelease with a text plugin',
      (c) => c.createPluginRelease(release),
      'POST',
      '/plugin_releases/',
      { id: 9, plugin: 'p' },
      'plugin',
    ],
    [
      'getJob with a numeric status',
      (c) => c.getJob(17),
      'GET',
      '/jobs/17/',
      { id: 17, status: 3 },
      'status',
    ],
    [
      'updateJob without id',
      (c) => c.updateJob(17, { status: 'running' }),
      'PATCH',
      '/jobs/17/',
      { status: 'running' },
      'id',
    ],
    [
      'createServeApplication without id',
      (c) => c.createServeApplication({ name: 'd' }),
      'POST',
      '/serve_applications/',
      { name: 'd' },
      'id',
    ],
    [
      'getStorage with an unknown provider',
      (c) => c.getStorage(1),
      'GET',
      '/storages/1/',
      { ...STORAGE, id: 1, provider: 'dropbox', configuration: {}, is_default: false },
      'provider',
    ],
    [
      'getJob with a text progress record',
      (c) => c.getJob(17),
      'GET',
      '/jobs/17/',
      { id: 17, progress_record: 'half' },
      'progress_record',
    ],
    [
      'listJobConsoleLogs with a numeric level',
      (c) => c.listJobConsoleLogs(17),
      'GET',
      '/jobs/17/console_logs/',
      [
        { message: 'started', level: 'info' },
        { message: 'step', level: 20 },
      ],
      '1.level',
    ],
    [
      'listJobConsoleLogs with an object',
      (c) => c.listJobConsoleLogs(17),
      'GET',
      '/jobs/17/console_logs/',
      { message: 'started' },
      '',
    ],
    [
      'listStorages with a storage without is_default',
      (c) => c.listStorages(),
      'GET',
      '/storages/',
      { count: 1, next: null, previous: null, results: [{ ...STORAGE, id: 1 }] },
      'results.0.is_default',
    ],
    [
      'createStorage with an unknown category',
      (c) => c.createStorage(STORAGE),
      'POST',
      '/storages/',
      { id: 2, category: 'cloud' },
      'category',
    ],
    [
      'createStorage with a text id',
      (c) => c.createStorage(STORAGE),
      'POST',
      '/storages/',
      { id: 's1' },
      'id',
    ],
  ] as [string, Call, string, string, unknown, string][])(
    '%s',
    async (_, call, method, path, reply, field) => {
      const { api, client } = setup();
      api.on(method, path).reply(200, reply);
      const error = await call(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ method, url: expect.stringMatching(new RegExp(`^${BASE}${path}`)) });
      expect((error as ResponseValidationError).issues.join('\n')).toContain(field);
      expect((error as ResponseValidationError).path).toBe(field || undefined);
      expect((error as Error).message).toContain(`${method} ${BASE}${path}`);
      const req = await api.single();
      expect(req).toMatchObject({ method, path });
      expect(req.headers).toMatchObject(AUTH);
    },
  );
});

describe('healthCheckAgent: a reply that is no JSON object', () => {
  it('is a ResponseValidationError whose URL masks the token', async () => {
    const { api, client } = setup();
    api.on('POST', '/agents/agent-secret-1/connect/').reply(200, ['connected']);
    const error = await client.healthCheckAgent('agent-secret-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({
      method: 'POST',
      url: `${BASE}/agents/[REDACTED]/connect/`,
      path: undefined,
    });
    expect(JSON.stringify((error as ResponseValidationError).toJSON())).not.toContain('agent-secret-1');
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/agents/agent-secret-1/connect/', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });
});

describe('per-call options reach the request', () => {
  const trace = { 'x-request-id': 'trace-3' };
  it.each([
    ['getPlugin', (c) => c.getPlugin(3, { headers: trace }), 'GET', '/plugins/3/', { id: 3 }],
    [
      'createPlugin',
      (c) => c.createPlugin({ code: 'x' }, { headers: trace }),
      'POST',
      '/plugins/',
      { id: 3 },
    ],
    ['getJob', (c) => c.getJob(17, undefined, { headers: trace }), 'GET', '/jobs/17/', { id: 17 }],
    [
      'listJobConsoleLogs',
      (c) => c.listJobConsoleLogs(17, { headers: trace }),
      'GET',
      '/jobs/17/console_logs/',
      [],
    ],
    ['createLogs', (c) => c.createLogs({ event: 'e' }, { headers: trace }), 'POST', '/logs/', []],
    [
      'getStorage',
      (c) => c.getStorage(1, { headers: trace }),
      'GET',
      '/storages/1/',
      { ...STORAGE, id: 1, is_default: false, configuration: {} },
    ],
  ] as [string, Call, string, string, unknown][])(
    '%s sends the headers given for the call',
    async (_, call, method, path, reply) => {
      const { api, client } = setup();
      api.on(method, path).reply(200, reply);
      expect(await call(client)).toEqual(reply);
      const req = await api.single();
      expect(req).toMatchObject({ method, path });
      expect(req.headers).toMatchObject({ ...AUTH, ...trace });
    },
  );
});

describe('a valid reply keeps the keys its model does not name', () => {
  const extra = { added_later: { any: 'thing' } };
  const storage = { ...STORAGE, id: 1, is_default: false, ...extra };
  it.each([
    ['healthCheckAgent', (c) => c.healthCheckAgent('agent-1'), 'POST', '/agents/agent-1/connect/', extra],
    [
      'getJob',
      (c) => c.getJob(17),
      'GET',
      '/jobs/17/',
      { id: 17, status: 'running', progress_record: {}, result: null, ...extra },
    ],
    [
      'listJobConsoleLogs',
      (c) => c.listJobConsoleLogs(17),
      'GET',
      '/jobs/17/console_logs/',
      [{ message: 'started', level: 'info', time: '2026-01-01T00:00:00Z', ...extra }],
    ],
    [
      'listStorages',
      (c) => c.listStorages(),
      'GET',
      '/storages/',
      { count: 1, next: null, previous: null, results: [storage], ...extra },
    ],
    ['createStorage', (c) => c.createStorage(STORAGE), 'POST', '/storages/', storage],
    ['getPluginRelease', (c) => c.getPluginRelease(9), 'GET', '/plugin_releases/9/', { id: 9, ...extra }],
  ] as [string, Call, string, string, unknown][])('%s', async (_, call, method, path, reply) => {
    const { api, client } = setup();
    api.on(method, path).reply(200, reply);
    expect(await call(client)).toEqual(reply);
    const req = await api.single();
    expect(req).toMatchObject({ method, path, search: '' });
    if (path === '/storages/' && method === 'POST') expect(req.json).toEqual(STORAGE);
    else expect(req.body).toBe('');
    expect(req.headers).toMatchObject(AUTH);
  });
});
