import { MOCK_BASE_URL as BASE, backendAuth, mockClient, useMockNetwork } from '@synapse/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { HITLClient, PageIterator, ResponseValidationError, ValidationError } from '../src/index.js';

const TOKEN = 'hitl-test-token';
const AUTH = backendAuth(TOKEN);
const setup = () => mockClient(HITLClient, { apiToken: TOKEN });

useMockNetwork();

describe('HITLClient', () => {
  it('getAssignment: GET assignments/{id}/', async () => {
    const { api, client } = setup();
    api.on('GET', '/assignments/4/').reply(200, { id: 4, project: 1, task: 2, status: 'pending' });
    expect(await client.getAssignment(4)).toEqual({ id: 4, project: 1, task: 2, status: 'pending' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/assignments/4/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
    expect(req.headers['content-type']).toBeUndefined();
  });

  it('getAssignment rejects a reply without an id', async () => {
    const { api, client } = setup();
    api.on('GET', '/assignments/4/').reply(200, { project: 1 });
    const error = await client.getAssignment(4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method: 'GET', path: 'id', issues: ['id: missing'] });
  });

  it('listAssignments: GET sdk/assignments/ returns the first page as sent', async () => {
    const { api, client } = setup();
    const page = { count: 2, next: `${BASE}/sdk/assignments/?page=2`, previous: null, results: [{ id: 1 }] };
    api.on('GET', '/sdk/assignments/').reply(200, page);
    expect(await client.listAssignments({ project: 1, status: 'pending' })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'GET',
      path: '/sdk/assignments/',
      query: { project: '1', status: 'pending' },
      body: '',
    });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listAssignments listAll: page 1 with page_size, then next verbatim', async () => {
    const { api, client } = setup();
    api.on('GET', '/sdk/assignments/').reply(200, {
      count: 3,
      next: `${BASE}/sdk/assignments/?page=2&page_size=100&project=1`,
      previous: null,
      results: [{ id: 1 }, { id: 2 }],
    });
    api
      .on('GET', '/sdk/assignments/')
      .reply(200, { count: 3, next: null, previous: `${BASE}/sdk/assignments/`, results: [{ id: 3 }] });
    const all = await client.listAssignments({ project: 1 }, { listAll: true });
    expect(all).toBeInstanceOf(PageIterator);
    expect(all.count).toBe(3);
    expect(await all.toArray()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    const [first, second] = await api.all();
    expect(first).toMatchObject({
      method: 'GET',
      path: '/sdk/assignments/',
      search: 'project=1&page_size=100',
    });
    expect(second).toMatchObject({ method: 'GET', search: 'page=2&page_size=100&project=1' });
    expect(first?.headers).toMatchObject(AUTH);
    expect(second?.headers).toMatchObject(AUTH);
  });

  it('listAssignments listAll works without params', async () => {
    const { api, client } = setup();
    api
      .on('GET', '/sdk/assignments/')
      .reply(200, { count: 1, next: null, previous: null, results: [{ id: 1 }] });
    const items = [];
    for await (const assignment of await client.listAssignments(undefined, { listAll: true }))
      items.push(assignment);
    expect(items).toEqual([{ id: 1 }]);
    expect((await api.single()).search).toBe('page_size=100');
  });

  it('setTagsAssignments: POST assignments/set_tags/ with JSON body and params', async () => {
    const { api, client } = setup();
    api.on('POST', '/assignments/set_tags/').reply(200, { updated: 2 });
    const data = { assignment_ids: [1, 2], tag_ids: [3], action: 'add' };
    expect(await client.setTagsAssignments(data, { project: 1 })).toEqual({ updated: 2 });
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'POST',
      path: '/assignments/set_tags/',
      query: { project: '1' },
      json: data,
    });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('setTagsAssignments works without params', async () => {
    const { api, client } = setup();
    api.on('POST', '/assignments/set_tags/').reply(200, { updated: 1 });
    const data = { assignment_ids: [1], tag_ids: [2] };
    expect(await client.setTagsAssignments(data)).toEqual({ updated: 1 });
    expect(await api.single()).toMatchObject({ search: '', json: data });
  });

  describe('rejects bad input before sending', () => {
    const sent: string[] = [];
    const client = new HITLClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      maxRetries: 0,
      fetch: async (input) => {
        sent.push(String(input));
        return new Response('{}');
      },
    });
    afterEach(() => {
      sent.length = 0;
    });

    it.each([
      ['a path-traversal id', () => client.getAssignment('../admin'), 'id'],
      ['a negative id', () => client.getAssignment(-1), 'id'],
      ['non-object set_tags data', () => client.setTagsAssignments('x' as never), 'data'],
      ['set_tags data as a list', () => client.setTagsAssignments([1] as never), 'data'],
      ['an object query param', () => client.listAssignments({ project: {} as never }), 'params.project'],
      [
        'a non-AbortSignal signal',
        () => client.setTagsAssignments({}, undefined, { signal: 'x' as never }),
        'options.signal',
      ],
    ])('%s', async (_, call, argument) => {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).argument).toBe(argument);
      expect(sent).toEqual([]);
    });
  });
});
