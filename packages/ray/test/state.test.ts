import { blockNetwork, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type StateFilter, type StateListOptions, ValidationError } from '../src/index.js';
import { caught, proxiedSetup as setup } from './helpers.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

describe('RayClient State API: the reply', () => {
  it('keeps the warnings Ray sends', async () => {
    const { api, client } = setup();
    const result = {
      result: [{ actor_id: 'a' }],
      total: 9,
      num_after_truncation: 8,
      num_filtered: 1,
      partial_failure_warning: 'node n2 did not answer',
      warnings: ['too many rows'],
    };
    api.on('GET', '/api/v0/actors').reply(200, { result: true, msg: '', data: { result } });
    expect(await client.listActors()).toEqual({
      rows: [{ actor_id: 'a' }],
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
    api.on('GET', '/api/v0/jobs').reply(200, { result: true, data: { result: { result: [{}, {}] } } });
    expect(await client.listClusterJobs()).toEqual({
      rows: [{}, {}],
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
    ['a timeout of 0', { timeout: 0 }, 'options.timeout'],
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
