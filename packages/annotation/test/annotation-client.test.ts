import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MOCK_BASE_URL as BASE,
  backendAuth,
  loopbackServer,
  mockClient,
  useMockNetwork,
} from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { AnnotationClient, PageIterator, ResponseValidationError, ValidationError } from '../src/index.js';

const TOKEN = 'annotation-test-token';
const AUTH = backendAuth(TOKEN);
const setup = () => mockClient(AnnotationClient, { apiToken: TOKEN });

useMockNetwork();

describe('AnnotationClient', () => {
  it('getProject: GET projects/{id}/', async () => {
    const { api, client } = setup();
    api.on('GET', '/projects/1/').reply(200, { id: 1, title: 'Cats' });
    expect(await client.getProject(1)).toEqual({ id: 1, title: 'Cats' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/projects/1/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
    expect(req.headers['content-type']).toBeUndefined();
  });

  it('getTask: GET tasks/{id}/ with params', async () => {
    const { api, client } = setup();
    api.on('GET', '/tasks/7/').reply(200, { id: 7, project: 1, data: {} });
    expect(await client.getTask(7, { expand: 'data_unit' })).toEqual({ id: 7, project: 1, data: {} });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/tasks/7/', query: { expand: 'data_unit' }, body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getTask works without params', async () => {
    const { api, client } = setup();
    api.on('GET', '/tasks/7/').reply(200, { id: 7 });
    expect(await client.getTask(7)).toEqual({ id: 7 });
    expect((await api.single()).search).toBe('');
  });

  it('annotateTaskData: PUT tasks/{id}/annotate_task_data/ with JSON', async () => {
    const { api, client } = setup();
    api.on('PUT', '/tasks/7/annotate_task_data/').reply(200, { id: 7, annotated: true });
    const data = { annotations: [{ label: 'cat', bbox: [1, 2, 3, 4] }] };
    expect(await client.annotateTaskData(7, data)).toEqual({ id: 7, annotated: true });
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'PUT',
      path: '/tasks/7/annotate_task_data/',
      search: '',
      json: data,
    });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('getTaskTag: GET task_tags/{id}/', async () => {
    const { api, client } = setup();
    api.on('GET', '/task_tags/3/').reply(200, { id: 3, name: 'urgent' });
    expect(await client.getTaskTag(3)).toEqual({ id: 3, name: 'urgent' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/task_tags/3/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listTaskTags: GET task_tags/ returns the page', async () => {
    const { api, client } = setup();
    const page = { count: 1, next: null, previous: null, results: [{ id: 3, name: 'urgent' }] };
    api.on('GET', '/task_tags/').reply(200, page);
    expect(await client.listTaskTags({ project: 1 })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/task_tags/', query: { project: '1' }, body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listTasks: GET sdk/tasks/ returns the first page as sent', async () => {
    const { api, client } = setup();
    const page = { count: 2, next: `${BASE}/sdk/tasks/?page=2`, previous: null, results: [{ id: 1 }] };
    api.on('GET', '/sdk/tasks/').reply(200, page);
    expect(await client.listTasks({ project: 1, status: 'done' })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'GET',
      path: '/sdk/tasks/',
      query: { project: '1', status: 'done' },
    });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listTasks listAll: page 1 once with page_size, then next verbatim', async () => {
    const { api, client } = setup();
    api.on('GET', '/sdk/tasks/').reply(200, {
      count: 3,
      next: `${BASE}/sdk/tasks/?page=2&page_size=100&project=1`,
      previous: null,
      results: [{ id: 1 }, { id: 2 }],
    });
    api
      .on('GET', '/sdk/tasks/')
      .reply(200, { count: 3, next: null, previous: `${BASE}/sdk/tasks/`, results: [{ id: 3 }] });
    const all = await client.listTasks({ project: 1 }, { listAll: true });
    expect(all).toBeInstanceOf(PageIterator);
    expect(all.count).toBe(3);
    expect(await all.toArray()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    const [first, second] = await api.all();
    expect(first).toMatchObject({ method: 'GET', search: 'project=1&page_size=100' });
    expect(second).toMatchObject({ method: 'GET', search: 'page=2&page_size=100&project=1' });
    expect(second?.headers).toMatchObject(AUTH);
  });

  it('listTasks listAll works without params', async () => {
    const { api, client } = setup();
    api.on('GET', '/sdk/tasks/').reply(200, { count: 1, next: null, previous: null, results: [{ id: 1 }] });
    const items = [];
    for await (const task of await client.listTasks(undefined, { listAll: true })) items.push(task);
    expect(items).toEqual([{ id: 1 }]);
    expect((await api.single()).search).toBe('page_size=100');
  });

  it('createTasks: POST tasks/ with one task or a list', async () => {
    const { api, client } = setup();
    api.on('POST', '/tasks/').reply(201, [
      { id: 10, project: 1 },
      { id: 11, project: 1 },
    ]);
    const data = [
      { project: 1, data_unit: 5 },
      { project: 1, data_unit: 6 },
    ];
    expect(await client.createTasks(data)).toEqual([
      { id: 10, project: 1 },
      { id: 11, project: 1 },
    ]);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/tasks/', search: '', json: data });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('setTagsTasks: POST tasks/set_tags/ with body and params', async () => {
    const { api, client } = setup();
    api.on('POST', '/tasks/set_tags/').reply(200, { updated: 2 });
    const data = { ids: [1, 2], tags: [3], action: 'add' };
    expect(await client.setTagsTasks(data, { project: 1 })).toEqual({ updated: 2 });
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'POST',
      path: '/tasks/set_tags/',
      query: { project: '1' },
      json: data,
    });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it.each([
    ['a path-traversal id', () => setup().client.getProject('../admin'), 'id'],
    ['a negative id', () => setup().client.getTask(-1), 'id'],
    ['a NaN id', () => setup().client.getTaskTag(Number.NaN), 'id'],
    ['a task without project', () => setup().client.createTasks({} as never), 'data.project'],
    ['non-object annotation data', () => setup().client.annotateTaskData(1, 'x' as never), 'data'],
    ['a list as annotation data', () => setup().client.annotateTaskData(1, [1] as never), 'data'],
    ['a list as set-tags body', () => setup().client.setTagsTasks([1, 2] as never), 'data'],
    ['an empty bulk create', () => setup().client.createTasks([]), 'data'],
  ])('rejects %s before sending', async (_, call, argument) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
  });

  it.each([
    ['getProject', '/projects/3/', { id: 3, title: 7 }, 'title'],
    ['getTask', '/tasks/3/', { id: 3, project: 'p' }, 'project'],
    ['getTaskTag', '/task_tags/3/', { id: '3', name: 'x' }, 'id'],
  ] as const)(
    '%s: a reply that does not match its schema is a ResponseValidationError naming the field',
    async (method, path, reply, field) => {
      const { api, client } = setup();
      api.on('GET', path).reply(200, reply);
      const error = await (client[method] as (id: number) => Promise<unknown>)
        .call(client, 3)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ method: 'GET', url: `${BASE}${path}`, path: field });
      expect((error as ResponseValidationError).issues.join()).toContain(field);
      expect((error as Error).message).toContain(`GET ${BASE}${path}`);
      const req = await api.single();
      expect(req).toMatchObject({ method: 'GET', path, search: '' });
      expect(req.headers).toMatchObject(AUTH);
    },
  );

  it("listTasks with urlConversion downloads each task's files by default", async () => {
    const media = await loopbackServer({ request: (req, res) => res.end(`bytes of ${req.url}`) });
    try {
      const { api, client } = setup();
      const cacheDir = await mkdtemp(join(tmpdir(), 'annotation-conv-'));
      api.on('GET', '/sdk/tasks/').reply(200, {
        count: 1,
        next: null,
        previous: null,
        results: [
          { id: 1, files: { image: `${media.url}/cat.png` }, data: { url: `${media.url}/not-a-file.png` } },
        ],
      });
      const page = await client.listTasks({ project: 2 }, { urlConversion: { cacheDir } });
      const [task] = page.results as unknown as { files: { image: string }; data: { url: string } }[];
      expect(task?.files.image.startsWith(cacheDir)).toBe(true);
      expect(await readFile(task?.files.image ?? '', 'utf8')).toBe('bytes of /cat.png');
      expect(task?.data.url).toBe(`${media.url}/not-a-file.png`);
      const req = await api.single();
      expect(req).toMatchObject({ method: 'GET', path: '/sdk/tasks/', search: 'project=2' });
      expect(req.headers).toMatchObject(AUTH);
    } finally {
      await media.close();
    }
  });
});
