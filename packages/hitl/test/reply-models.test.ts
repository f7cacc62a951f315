import { MOCK_BASE_URL as BASE, backendAuth, mockClient, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { HITLClient, ResponseValidationError, ValidationError } from '../src/index.js';

const TOKEN = 'hitl-reply-token';
const AUTH = backendAuth(TOKEN);
const setup = () => mockClient(HITLClient, { apiToken: TOKEN });

useMockNetwork();

const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });
const get = { call: (c: HITLClient) => c.getAssignment(4), path: '/assignments/4/', search: '' };
const list = {
  call: (c: HITLClient) => c.listAssignments({ project: 1 }),
  path: '/sdk/assignments/',
  search: 'project=1',
};

describe('assignment replies are checked against Assignment', () => {
  it.each([
    ['getAssignment: files that are a string', get, { id: 4, files: 'a.png' }, 'files'],
    ['getAssignment: a text task', get, { id: 4, task: 'two' }, 'task'],
    [
      'listAssignments: an item whose files are a list',
      list,
      page([{ id: 1, files: ['a.png'] }]),
      'results.0.files',
    ],
    [
      'listAssignments: an item with a text project',
      list,
      page([{ id: 1 }, { id: 2, project: '1' }]),
      'results.1.project',
    ],
  ] as const)(
    '%s is a ResponseValidationError naming the method and the field',
    async (_, row, reply, field) => {
      const { api, client } = setup();
      api.on('GET', row.path).reply(200, reply);
      const error = await row.call(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({
        method: 'GET',
        url: `${BASE}${row.path}${row.search && `?${row.search}`}`,
        path: field,
      });
      expect((error as ResponseValidationError).issues[0]).toMatch(new RegExp(`^${field}: `));
      const req = await api.single();
      expect(req).toMatchObject({ method: 'GET', path: row.path, search: row.search, body: '' });
      expect(req.headers).toMatchObject(AUTH);
    },
  );

  it.each([
    [
      'getAssignment',
      get,
      { id: 4, project: 1, task: null, files: { image_1: { url: `${BASE}/m/a.png` } }, user: 1 },
    ],
    [
      'listAssignments',
      list,
      { ...page([{ id: 1, files: {}, status: 'pending', tags: [3] }]), total_pages: 1 },
    ],
  ] as const)('%s keeps every key the server sent', async (_, row, reply) => {
    const { api, client } = setup();
    api.on('GET', row.path).reply(200, reply);
    expect(await row.call(client)).toEqual(reply);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: row.path, search: row.search, body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });
});

describe('setTagsAssignments checks the fields it names before anything is sent', () => {
  it.each([
    [
      'assignment ids that are text',
      { assignment_ids: ['sk-secret-4'] as never, tag_ids: [3] },
      'data.assignment_ids.0',
    ],
    ['tag ids that are no list', { assignment_ids: [1], tag_ids: 'sk-secret-5' as never }, 'data.tag_ids'],
  ])('refuses %s', async (_, data, argument) => {
    const { api, client } = setup();
    const error = await client.setTagsAssignments(data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
    // The value given is never quoted: it may be a secret.
    expect([(error as Error).message, ...(error as ValidationError).issues].join()).not.toMatch(
      /sk-secret|4242/,
    );
    expect(api.requests).toEqual([]);
  });

  it('sends other keys as given and returns the reply as sent', async () => {
    const { api, client } = setup();
    api.on('POST', '/assignments/set_tags/').reply(200, 'ok');
    const data = { assignment_ids: [1, 2], tag_ids: [3], action: 'remove' };
    expect(await client.setTagsAssignments(data, { project: 1 })).toBe('ok');
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'POST',
      path: '/assignments/set_tags/',
      search: 'project=1',
      json: data,
    });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });
});
