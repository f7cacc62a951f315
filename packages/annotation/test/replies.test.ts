import { MOCK_BASE_URL as BASE, backendAuth, mockClient, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { AnnotationClient, ResponseValidationError, ValidationError } from '../src/index.js';

const TOKEN = 'annotation-reply-token';
const AUTH = backendAuth(TOKEN);
const setup = () => mockClient(AnnotationClient, { apiToken: TOKEN });
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };

useMockNetwork();

type Call = (client: AnnotationClient) => Promise<unknown>;

/** What each method sends, as a row: the call, then the request it must make. */
interface Sent {
  method: string;
  path: string;
  search: string;
  json?: unknown;
  headers: Record<string, string>;
}

const listTaskTags: [Call, Sent] = [
  (c) => c.listTaskTags({ project: 1 }),
  { method: 'GET', path: '/task_tags/', search: 'project=1', headers: AUTH },
];
const createOne: [Call, Sent] = [
  (c) => c.createTasks({ project: 1, data_unit: 5 }),
  { method: 'POST', path: '/tasks/', search: '', json: { project: 1, data_unit: 5 }, headers: JSON_AUTH },
];
const createMany: [Call, Sent] = [
  (c) => c.createTasks([{ project: 1 }, { project: 1, data_unit: 6 }]),
  {
    method: 'POST',
    path: '/tasks/',
    search: '',
    json: [{ project: 1 }, { project: 1, data_unit: 6 }],
    headers: JSON_AUTH,
  },
];
const annotate: [Call, Sent] = [
  (c) => c.annotateTaskData(7, { annotations: [] }),
  {
    method: 'PUT',
    path: '/tasks/7/annotate_task_data/',
    search: '',
    json: { annotations: [] },
    headers: JSON_AUTH,
  },
];
const getTask: [Call, Sent] = [
  (c) => c.getTask(7),
  { method: 'GET', path: '/tasks/7/', search: '', headers: AUTH },
];

async function expectSent(api: ReturnType<typeof setup>['api'], sent: Sent): Promise<void> {
  const req = await api.single();
  const { headers, ...rest } = sent;
  expect(req).toMatchObject(rest);
  if (sent.json === undefined) expect(req.body).toBe('');
  expect(req.headers).toMatchObject(headers);
}

describe('replies that break their model are a ResponseValidationError naming the method and the field', () => {
  it.each([
    [
      'listTaskTags: an item with a text id',
      listTaskTags,
      { count: 1, next: null, previous: null, results: [{ id: 'x' }] },
      'results.0.id',
    ],
    ['listTaskTags: no results', listTaskTags, { count: 0, next: null, previous: null }, 'results'],
    ['createTasks (one): a task without id', createOne, { project: 1 }, 'id'],
    ['createTasks (one): a list for one task', createOne, [{ id: 1 }], 'id'],
    ['createTasks (bulk): a task with a text id', createMany, [{ id: 1 }, { id: '2' }], '1.id'],
    ['createTasks (bulk): one object for a list', createMany, { id: 1 }, undefined],
    ['getTask: a text data_unit', getTask, { id: 7, data_unit: 'five' }, 'data_unit'],
    ['getTask: files that are a string', getTask, { id: 7, files: 'a.png' }, 'files'],
    ['annotateTaskData: a list', annotate, [{ id: 7 }], undefined],
    ['annotateTaskData: text', annotate, 'done', undefined],
  ] as const)('%s', async (_, [call, sent], reply, field) => {
    const { api, client } = setup();
    api.on(sent.method, sent.path).reply(200, reply);
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method: sent.method, url: expect.stringMatching(`^${BASE}${sent.path}`) });
    expect((error as ResponseValidationError).path).toBe(field);
    expect((error as Error).message).toContain(`${sent.method} ${BASE}${sent.path}`);
    if (field) expect((error as ResponseValidationError).issues[0]).toMatch(new RegExp(`^${field}: `));
    // The value the server sent is never quoted.
    if (typeof reply === 'string') expect((error as Error).message).not.toContain(reply);
    await expectSent(api, sent);
  });
});

describe('valid replies keep every key the server sent', () => {
  it.each([
    [
      'listTaskTags',
      listTaskTags,
      {
        count: 1,
        next: null,
        previous: null,
        results: [{ id: 3, name: 'urgent', color: '#e5484d' }],
        extra: 1,
      },
    ],
    ['createTasks (one)', createOne, { id: 10, project: 1, data_unit: 5, status: 'pending', files: {} }],
    [
      'createTasks (bulk)',
      createMany,
      [
        { id: 10, project: 1, data_unit: null, tags: [] },
        { id: 11, project: 1, data_unit: 6, assignee: null },
      ],
    ],
    ['annotateTaskData', annotate, { id: 7, data: { annotations: [] }, anything: ['kept'] }],
    [
      'getTask',
      getTask,
      { id: 7, project: null, data_unit: 5, files: { image_1: { url: `${BASE}/m/a.png` } }, data: { x: 1 } },
    ],
  ] as const)('%s', async (_, [call, sent], reply) => {
    const { api, client } = setup();
    api.on(sent.method, sent.path).reply(200, reply);
    expect(await call(client)).toEqual(reply);
    await expectSent(api, sent);
  });
});

describe('inputs are checked against their models before anything is sent', () => {
  it.each([
    [
      'a task whose data_unit is text',
      (c: AnnotationClient) => c.createTasks({ project: 1, data_unit: 'sk-secret-1' as never }),
      'data.data_unit',
    ],
    [
      'set-tags ids that are text',
      (c: AnnotationClient) => c.setTagsTasks({ ids: ['sk-secret-2'] as never, tags: [3] }),
      'data.ids.0',
    ],
    [
      'set-tags tag_ids that are no list',
      (c: AnnotationClient) => c.setTagsTasks({ task_ids: [1], tag_ids: 'sk-secret-3' as never }),
      'data.tag_ids',
    ],
    [
      'a set-tags action that is no string',
      (c: AnnotationClient) => c.setTagsTasks({ ids: [1], action: 4242 as never }),
      'data.action',
    ],
    [
      'listTaskTags with listAll (one page only)',
      (c: AnnotationClient) => c.listTaskTags({}, { listAll: true } as never),
      'options.listAll',
    ],
    ['listTaskTags with null options', (c: AnnotationClient) => c.listTaskTags({}, null as never), 'options'],
  ])('%s', async (_, call, argument) => {
    const { api, client } = setup();
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
    // The value given is never quoted: it may be a secret.
    expect([(error as Error).message, ...(error as ValidationError).issues].join()).not.toMatch(
      /sk-secret|4242/,
    );
    expect(api.requests).toEqual([]);
  });

  it('setTagsTasks sends a body with unknown keys as given, and returns the reply as sent', async () => {
    const { api, client } = setup();
    api.on('POST', '/tasks/set_tags/').reply(200, ['not', 'an', 'object']);
    const data = { ids: [1, 2], tags: [3], action: 'add', note: { why: 'kept' } };
    expect(await client.setTagsTasks(data)).toEqual(['not', 'an', 'object']);
    await expectSent(api, {
      method: 'POST',
      path: '/tasks/set_tags/',
      search: '',
      json: data,
      headers: JSON_AUTH,
    });
  });
});
