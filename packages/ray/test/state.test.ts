import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CallOptions,
  type FetchFunction,
  RayClient,
  type StateFilter,
  type StateListOptions,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { BASE, caught, proxiedSetup as setup } from './helpers.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

describe('RayClient State API: the reply', () => {
  it('keeps the warnings Ray sends', async () => {
    const { api, client } = setup();
    const result = {
      result: [{ actor_id: 'a', state: 'ALIVE' }],
      total: 9,
      num_after_truncation: 8,
      num_filtered: 1,
      partial_failure_warning: 'node n2 did not answer',
      warnings: ['too many rows'],
    };
    api.on('GET', '/api/v0/actors').reply(200, { result: true, msg: '', data: { result } });
    expect(await client.listActors()).toEqual({
      rows: [{ actor_id: 'a', state: 'ALIVE' }],
      total: 9,
      numAfterTruncation: 8,
      numFiltered: 1,
      partialFailureWarning: 'node n2 did not answer',
      warnings: ['too many rows'],
    });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/api/v0/actors', search: '', body: '' });
    expect(req.headers['x-proxy-key']).toBe('proxy-key-1');
  });

  it('counts the rows when Ray leaves the numbers out', async () => {
    const { api, client } = setup();
    const rows = [
      { job_id: '01000000', submission_id: null, type: 'DRIVER', status: 'RUNNING' },
      { job_id: null, submission_id: 'raysubmit_1', type: 'SUBMISSION', status: 'PENDING' },
    ];
    api.on('GET', '/api/v0/jobs').reply(200, { result: true, data: { result: { result: rows } } });
    expect(await client.listClusterJobs()).toEqual({
      rows,
      total: 2,
      numAfterTruncation: 2,
      numFiltered: 2,
      partialFailureWarning: null,
      warnings: null,
    });
  });

  it.each([
    [
      'result: false with a result',
      { result: false, msg: 'stale', data: { result: { result: [] } } },
      'stale',
    ],
    ['no result flag', { msg: 'odd', data: { result: { result: [] } } }, 'odd'],
    ['result: true without data', { result: true, msg: 'empty' }, 'empty'],
    ['result: true with a null result', { result: true, msg: 'none', data: { result: null } }, 'none'],
  ])('%s → ClientError 200 with the msg', async (_, reply, msg) => {
    const { api, client } = setup();
    api.on('GET', '/api/v0/nodes').reply(200, reply);
    const error = await caught(client.listClusterNodes());
    expect(error).toMatchObject({ status: 200, reason: msg, message: `Ray: ${msg}`, clientName: 'Ray' });
  });
});

describe('RayClient State API: the query', () => {
  it.each<[string, StateFilter, string]>([
    ['a string', ['state', '=', 'ALIVE'], 'ALIVE'],
    ['a number', ['num_cpus', '!=', 4], '4'],
    ['true', ['is_head_node', '=', true], 'true'],
    ['false', ['is_head_node', '!=', false], 'false'],
  ])('a filter on %s is sent as Ray spells it', async (_, filter, value) => {
    const { api, client } = setup();
    api.on('GET', '/api/v0/nodes').reply(200, { result: true, data: { result: { result: [] } } });
    await client.listClusterNodes({ filters: [filter] });
    expect((await api.single()).query).toEqual({
      filter_keys: filter[0],
      filter_predicates: filter[1],
      filter_values: value,
    });
  });

  it('detail and excludeDriver are sent lower-case; call options are not sent', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/v0/tasks').reply(200, { result: true, data: { result: { result: [] } } });
    await client.listClusterTasks({ detail: false, excludeDriver: true, headers: { 'X-Trace': 't1' } });
    const req = await api.single();
    expect(req.query).toEqual({ detail: 'false', exclude_driver: 'true' });
    expect(req.headers).toMatchObject({ 'x-trace': 't1', 'x-proxy-key': 'proxy-key-1' });
  });

  it.each<[string, StateListOptions, string]>([
    ['a limit of 0', { limit: 0 }, 'options.limit'],
    ['a fractional limit', { limit: 1.5 }, 'options.limit'],
    ['a serverTimeout of 0', { serverTimeout: 0 }, 'options.serverTimeout'],
    ['a fractional serverTimeout', { serverTimeout: 2.5 }, 'options.serverTimeout'],
    ['an unknown predicate', { filters: [['state', '~' as never, 'x']] }, 'options.filters.0.1'],
    ['an empty filter key', { filters: [['', '=', 'x']] }, 'options.filters.0.0'],
    ['a detail that is not a boolean', { detail: 'yes' as never }, 'options.detail'],
  ])('refuses %s before sending (argument %s)', async (_, options, argument) => {
    const { api, client } = setup();
    const error = await caught(client.listClusterNodes(options));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument });
    expect(api.requests).toHaveLength(0);
  });
});

describe('RayClient State API: serverTimeout and the call options', () => {
  const EMPTY = { result: true, data: { result: { result: [] } } };

  type Lister = (client: RayClient, options: StateListOptions & CallOptions) => Promise<unknown>;
  it.each<[string, string, Lister]>([
    ['listClusterNodes', '/api/v0/nodes', (c, o) => c.listClusterNodes(o)],
    ['listActors', '/api/v0/actors', (c, o) => c.listActors(o)],
    ['listClusterTasks', '/api/v0/tasks', (c, o) => c.listClusterTasks(o)],
    ['listClusterJobs', '/api/v0/jobs', (c, o) => c.listClusterJobs(o)],
  ])(
    "%s: serverTimeout is sent as Ray's timeout; headers and maxRetries reach the request",
    async (_, route, list) => {
      const api = new MockApi(BASE);
      // The client does not retry: the call's maxRetries is what makes the second attempt.
      const client = new RayClient({ baseUrl: BASE, maxRetries: 0, retry: { initialDelay: 0.01 } });
      api.on('GET', route).reply(503, 'busy').on('GET', route).reply(200, EMPTY);
      const options = { serverTimeout: 5, limit: 2, headers: { 'X-Trace': 't7' }, maxRetries: 1 };
      expect(await list(client, options)).toMatchObject({ rows: [], total: 0 });
      const sent = await api.all();
      expect(sent).toHaveLength(2);
      for (const req of sent) {
        expect(req).toMatchObject({ method: 'GET', path: route, query: { timeout: '5', limit: '2' } });
        expect(req.headers['x-trace']).toBe('t7');
      }
    },
  );

  it('the call options are not sent as query parameters', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/api/v0/actors').reply(200, EMPTY);
    const client = new RayClient({ baseUrl: BASE, maxRetries: 0 });
    await client.listActors({ timeout: { connect: 5, read: 20 }, signal: new AbortController().signal });
    expect((await api.single()).search).toBe('');
  });

  it("timeout is the call's: its read limit ends a request Ray does not answer", async () => {
    let seen: string | undefined;
    // Answers nothing: the request ends only when the client gives up on it.
    const fetch: FetchFunction = (input, init) =>
      new Promise((_, reject) => {
        seen = String(input);
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const client = new RayClient({ baseUrl: BASE, maxRetries: 0, fetch });
    const started = Date.now();
    const error = await caught(
      client.listClusterNodes({ serverTimeout: 1, timeout: { connect: 0.05, read: 0.1 } }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ status: 408, reason: 'Ray read timeout (>0.1s)', clientName: 'Ray' });
    expect(seen).toBe(`${BASE}/api/v0/nodes?timeout=1`);
  });

  it.each<[string, unknown, string, string]>([
    [
      'the old numeric timeout',
      { timeout: 10 },
      'options.timeout',
      "options.timeout is this call's { connect?, read? } in seconds; the seconds Ray may spend are serverTimeout",
    ],
    [
      'a timeout with a misspelt key',
      { timeout: { raed: 1 } },
      'options.timeout.raed',
      'options.timeout.raed',
    ],
    ['a zero read timeout', { timeout: { read: 0 } }, 'options.timeout.read', 'options.timeout.read'],
    ['an unknown option', { limt: 5 }, 'options.limt', 'Unknown option: limt'],
    [
      'headers with a CR',
      { headers: { 'X-Trace': 'a\rb' } },
      'options.headers.X-Trace',
      'options.headers.X-Trace',
    ],
    ['a negative maxRetries', { maxRetries: -1 }, 'options.maxRetries', 'options.maxRetries'],
    ['a signal that is not one', { signal: 'stop' }, 'options.signal', 'options.signal'],
  ])('refuses %s before sending (argument %s)', async (_, options, argument, message) => {
    const { api, client } = setup();
    const error = await caught(client.listActors(options as StateListOptions));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toContain(message);
    expect(api.requests).toHaveLength(0);
  });
});
