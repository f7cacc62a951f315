import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MOCK_BASE_URL as BASE, backendAuth, mockClient, useMockNetwork, useTempDir } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { MLClient, ResponseValidationError, ValidationError } from '../src/index.js';

const TOKEN = 'ml-reply-token';
const AUTH = backendAuth(TOKEN);
const UPLOAD_URL = `${BASE}/chunked_upload/r-1/`;
const setup = () => mockClient(MLClient, { apiToken: TOKEN });

useMockNetwork();
const tmp = useTempDir('synapse-ml-reply-');
let weights: string;
beforeAll(async () => {
  weights = join(tmp.path, 'w.bin');
  await writeFile(weights, 'weights');
});

const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });
const models = { call: (c: MLClient) => c.listModels({ name: 'm' }), path: '/models/', search: 'name=m' };
const events = {
  call: (c: MLClient) => c.listGroundTruthEvents({ ground_truth_dataset_versions: 1 }),
  path: '/sdk/ground_truth_events/',
  search: 'ground_truth_dataset_versions=1',
};

describe('list replies are checked item by item against their models', () => {
  it.each([
    ['listModels: an item with a text id', models, page([{ id: 'one' }]), 'results.0.id'],
    [
      'listModels: an item whose file is a number',
      models,
      page([{ id: 1 }, { id: 2, file: 7 }]),
      'results.1.file',
    ],
    [
      'listGroundTruthEvents: files that are a string',
      events,
      page([{ id: 1, files: 'a.png' }]),
      'results.0.files',
    ],
  ] as const)(
    '%s is a ResponseValidationError naming the method and the field',
    async (_, row, reply, field) => {
      const { api, client } = setup();
      api.on('GET', row.path).reply(200, reply);
      const error = await row.call(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ method: 'GET', url: `${BASE}${row.path}?${row.search}`, path: field });
      expect((error as ResponseValidationError).issues[0]).toMatch(new RegExp(`^${field}: `));
      const req = await api.single();
      expect(req).toMatchObject({ method: 'GET', path: row.path, search: row.search, body: '' });
      expect(req.headers).toMatchObject(AUTH);
    },
  );

  it.each([
    [
      'listModels',
      models,
      { ...page([{ id: 1, name: 'm', file: null, size: 3, fields: { a: 1 } }]), extra: true },
    ],
    [
      'listGroundTruthEvents',
      events,
      page([{ id: 1, files: { image_1: { url: `${BASE}/m/a.png` } }, data_unit: 4 }]),
    ],
  ] as const)('%s keeps every key the server sent', async (_, row, reply) => {
    const { api, client } = setup();
    api.on('GET', row.path).reply(200, reply);
    expect(await row.call(client)).toEqual(reply);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: row.path, search: row.search, body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listModels is one page: listAll is no option of it', async () => {
    const { api, client } = setup();
    const error = await client.listModels({}, { listAll: true } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe('options.listAll');
    expect(api.requests).toEqual([]);
  });
});

describe('createModel', () => {
  it('refuses a name that is no string before anything is sent', async () => {
    const { api, client } = setup();
    const error = await client.createModel({ file: weights, name: 4242 as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe('data.name');
    // The value given is never quoted: it may be a secret.
    expect([(error as Error).message, ...(error as ValidationError).issues].join()).not.toContain('4242');
    expect(api.requests).toEqual([]);
  });

  it('a created model without id is a ResponseValidationError naming POST models/ and the field', async () => {
    const { api, client } = setup();
    api.on('PUT', '/chunked_upload/').reply(200, { id: 'r-1', url: UPLOAD_URL, offset: 7 });
    api.on('POST', '/chunked_upload/r-1/').reply(200, { id: 'r-1', status: 'complete' });
    api.on('POST', '/models/').reply(201, { name: 'm', file: `${BASE}/media/models/9/w.bin` });
    const error = await client.createModel({ file: weights, name: 'm' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({
      method: 'POST',
      url: `${BASE}/models/`,
      path: 'id',
      issues: ['id: missing'],
    });
    const requests = await api.all();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /chunked_upload/',
      'POST /chunked_upload/r-1/',
      'POST /models/',
    ]);
    expect(requests[2]).toMatchObject({ search: '', json: { name: 'm', chunked_upload: 'r-1' } });
    for (const req of requests) expect(req.headers).toMatchObject(AUTH);
  });
});
