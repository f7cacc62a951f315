import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MOCK_BASE_URL as BASE, backendAuth, mockClient, useMockNetwork, useTempDir } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type FileInput,
  MLClient,
  PageIterator,
  ResponseValidationError,
  ValidationError,
} from '../src/index.js';

const TOKEN = 'ml-test-token';
const AUTH = backendAuth(TOKEN);
const UPLOAD_URL = `${BASE}/chunked_upload/m-1/`;
const setup = () => mockClient(MLClient, { apiToken: TOKEN });

useMockNetwork();
const tmp = useTempDir('synapse-ml-test-');
let weights: string;
let weights6: string;

beforeAll(async () => {
  weights = join(tmp.path, 'weights.bin');
  await writeFile(weights, 'model-weights');
  weights6 = join(tmp.path, 'six.bin');
  await writeFile(weights6, 'abcdef');
});

describe('MLClient', () => {
  it('listModels: GET models/ returns the page', async () => {
    const { api, client } = setup();
    const page = {
      count: 1,
      next: null,
      previous: null,
      results: [{ id: 1, name: 'm', file: `${BASE}/m.bin` }],
    };
    api.on('GET', '/models/').reply(200, page);
    expect(await client.listModels({ name: 'm' })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/models/', query: { name: 'm' }, body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getModel: GET models/{id}/ keeps the file URL by default', async () => {
    const { api, client } = setup();
    const model = { id: 3, name: 'm', file: `${BASE}/media/models/3/w.bin`, extra: 1 };
    api.on('GET', '/models/3/').reply(200, model);
    expect(await client.getModel(3)).toEqual(model);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/models/3/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getModel with params and urlConversion downloads file to the cache folder', async () => {
    const { api, client } = setup();
    api.on('GET', '/models/3/').reply(200, { id: 3, file: `${BASE}/media/models/3/w.bin` });
    api.on('GET', '/media/models/3/w.bin').reply(200, 'the weights');
    const cacheDir = join(tmp.path, 'cache');
    const model = await client.getModel(3, { expand: 'x' }, { urlConversion: { cacheDir } });
    expect(model.file?.startsWith(cacheDir)).toBe(true);
    expect(model.file?.endsWith('.bin')).toBe(true);
    expect(await readFile(model.file as string, 'utf8')).toBe('the weights');
    const [get, download] = await api.all();
    expect(get).toMatchObject({ path: '/models/3/', query: { expand: 'x' } });
    expect(download).toMatchObject({ method: 'GET', path: '/media/models/3/w.bin' });
  });

  it('createModel: chunked upload of data.file, then POST models/ with the other fields and the upload id', async () => {
    const { api, client } = setup();
    api.on('PUT', '/chunked_upload/').reply(200, { id: 'm-1', url: UPLOAD_URL, offset: 5 });
    api.on('PUT', '/chunked_upload/m-1/').reply(200, { id: 'm-1', url: UPLOAD_URL, offset: 10 });
    api.on('PUT', '/chunked_upload/m-1/').reply(200, { id: 'm-1', url: UPLOAD_URL, offset: 13 });
    api.on('POST', '/chunked_upload/m-1/').reply(200, { id: 'm-1', status: 'complete' });
    api
      .on('POST', '/models/')
      .reply(201, { id: 9, name: 'resnet', file: `${BASE}/media/models/9/weights.bin` });
    const data = { file: weights, name: 'resnet', description: 'small', config: { layers: 2 } };
    const snapshot = structuredClone(data);
    const model = await client.createModel(data, { chunkSize: 5 });
    expect(model).toEqual({ id: 9, name: 'resnet', file: `${BASE}/media/models/9/weights.bin` });
    expect(data).toEqual(snapshot);
    const requests = await api.all();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /chunked_upload/',
      'PUT /chunked_upload/m-1/',
      'PUT /chunked_upload/m-1/',
      'POST /chunked_upload/m-1/',
      'POST /models/',
    ]);
    const ranges = ['bytes 0-4/13', 'bytes 5-9/13', 'bytes 10-12/13'];
    const chunks = ['model', '-weig', 'hts'];
    requests.slice(0, 3).forEach((put, i) => {
      expect(put.headers).toMatchObject({ ...AUTH, 'content-range': ranges[i] });
      expect(put.parts).toEqual([
        expect.objectContaining({ name: 'filename', value: 'weights.bin' }),
        expect.objectContaining({ name: 'file', filename: 'file', value: chunks[i] }),
      ]);
    });
    expect(requests[3]?.json).toEqual({ md5: createHash('md5').update('model-weights').digest('hex') });
    expect(requests[4]?.json).toEqual({
      name: 'resnet',
      description: 'small',
      config: { layers: 2 },
      chunked_upload: 'm-1',
    });
    expect(requests[4]?.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('listGroundTruthEvents: GET sdk/ground_truth_events/ returns the page', async () => {
    const { api, client } = setup();
    const page = { count: 1, next: null, previous: null, results: [{ id: 1, files: {} }] };
    api.on('GET', '/sdk/ground_truth_events/').reply(200, page);
    expect(await client.listGroundTruthEvents({ ground_truth_dataset_versions: 1 })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'GET',
      path: '/sdk/ground_truth_events/',
      query: { ground_truth_dataset_versions: '1' },
    });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listGroundTruthEvents listAll with urlConversion: downloads each event files', async () => {
    const { api, client } = setup();
    api.on('GET', '/sdk/ground_truth_events/').reply(200, {
      count: 2,
      next: `${BASE}/sdk/ground_truth_events/?page=2&page_size=100`,
      previous: null,
      results: [{ id: 1, files: { image_1: { url: `${BASE}/media/a.txt`, checksum: 'a' } } }],
    });
    api
      .on('GET', '/sdk/ground_truth_events/')
      .reply(200, { count: 2, next: null, previous: null, results: [{ id: 2 }] });
    api.on('GET', '/media/a.txt').reply(200, 'gt file');
    const cacheDir = join(tmp.path, 'gt-cache');
    const all = await client.listGroundTruthEvents(undefined, { listAll: true, urlConversion: { cacheDir } });
    expect(all).toBeInstanceOf(PageIterator);
    const events = await all.toArray();
    expect(events.map((e) => e.id)).toEqual([1, 2]);
    const file = events[0]?.files?.image_1 as { path: string; checksum: string };
    expect(file.checksum).toBe('a');
    expect(await readFile(file.path, 'utf8')).toBe('gt file');
    const requests = await api.all();
    expect(requests[0]).toMatchObject({ search: 'page_size=100' });
    expect(requests.map((r) => r.path)).toContain('/media/a.txt');
  });

  it('getGroundTruthVersion: GET ground_truth_dataset_versions/{id}/', async () => {
    const { api, client } = setup();
    api.on('GET', '/ground_truth_dataset_versions/2/').reply(200, { id: 2, name: 'v2' });
    expect(await client.getGroundTruthVersion(2)).toEqual({ id: 2, name: 'v2' });
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'GET',
      path: '/ground_truth_dataset_versions/2/',
      search: '',
      body: '',
    });
    expect(req.headers).toMatchObject(AUTH);
  });

  it.each([
    ['a Blob', () => new Blob(['abcdef'])],
    ['bytes', () => new TextEncoder().encode('abcdef')],
    ['an ArrayBuffer', () => new TextEncoder().encode('abcdef').buffer],
    ['a web stream', () => ({ content: new Blob(['abcdef']).stream(), size: 6, filename: 'w.bin' })],
    [
      'a Node stream',
      () => ({ content: Readable.from([Buffer.from('abcdef')]), size: 6, filename: 'w.bin' }),
    ],
    ['a named path', () => ({ content: weights6, filename: 'w.bin' })],
  ] as const)('createModel takes %s as the file', async (_, file) => {
    const { api, client } = setup();
    api
      .on('PUT', '/chunked_upload/')
      .reply(200, { id: 'm-2', url: `${BASE}/chunked_upload/m-2/`, offset: 6 });
    api.on('POST', '/chunked_upload/m-2/').reply(200, { id: 'm-2', status: 'complete' });
    api.on('POST', '/models/').reply(201, { id: 4, name: 'tiny' });
    expect(await client.createModel({ file: file() as FileInput, name: 'tiny' })).toEqual({
      id: 4,
      name: 'tiny',
    });
    const [put, complete, create] = await api.all();
    expect(put).toMatchObject({ method: 'PUT', path: '/chunked_upload/', search: '' });
    expect(put?.headers).toMatchObject({ ...AUTH, 'content-range': 'bytes 0-5/6' });
    expect(put?.parts?.[1]).toMatchObject({ name: 'file', value: 'abcdef' });
    expect(complete?.json).toEqual({ md5: createHash('md5').update('abcdef').digest('hex') });
    expect(create).toMatchObject({
      method: 'POST',
      path: '/models/',
      json: { name: 'tiny', chunked_upload: 'm-2' },
    });
  });

  it('createModel: a named file whose path is missing names data.file, before anything is sent', async () => {
    const { api, client } = setup();
    const error = await client
      .createModel({ file: { content: join(tmp.path, 'missing.bin'), filename: 'm.bin' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'data.file' });
    expect((error as Error).message).toContain('missing.bin');
    expect(api.requests).toHaveLength(0);
  });

  it('createModel: an unknown kind of file says what is accepted; options must be an object', async () => {
    const { api, client } = setup();
    const unknown = await client.createModel({ file: { content: 5 } as never }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({
      argument: 'data.file',
      message: 'data.file must be a file path, Blob, bytes or a stream, got number',
    });
    const options = await client.createModel({ file: weights }, null as never).catch((e: unknown) => e);
    expect(options).toBeInstanceOf(ValidationError);
    expect(options).toMatchObject({ argument: 'options', message: 'options must be an object' });
    const missing = await client.createModel({ file: null } as never).catch((e: unknown) => e);
    expect((missing as Error).message).toContain('file is required');
    expect(api.requests).toHaveLength(0);
  });

  it.each([
    ['getModel', '/models/3/', { id: 3, name: 5 }],
    ['getGroundTruthVersion', '/ground_truth_dataset_versions/3/', { id: 'three' }],
  ] as const)(
    '%s: a reply that does not match its schema is a ResponseValidationError',
    async (method, path, reply) => {
      const { api, client } = setup();
      api.on('GET', path).reply(200, reply);
      const error = await (client[method] as (id: number) => Promise<unknown>)
        .call(client, 3)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ method: 'GET', url: `${BASE}${path}` });
      const req = await api.single();
      expect(req).toMatchObject({ method: 'GET', path, search: '' });
      expect(req.headers).toMatchObject(AUTH);
    },
  );

  it.each([
    ['a path-traversal model id', () => setup().client.getModel('../x'), 'id'],
    ['a negative version id', () => setup().client.getGroundTruthVersion(-3), 'id'],
    ['bad list params', () => setup().client.listModels({ a: [{}] as never }), 'params.a'],
    [
      'bad urlConversion',
      () => setup().client.getModel(1, undefined, { urlConversion: 3 as never }),
      'urlConversion',
    ],
    ['non-object model data', () => setup().client.createModel('x' as never), 'data'],
    ['model data without file', () => setup().client.createModel({ name: 'm' } as never), 'data.file'],
    [
      'a missing model file',
      () => setup().client.createModel({ file: join(tmp.path, 'nope.bin') }),
      'data.file',
    ],
    ['a directory as model file', () => setup().client.createModel({ file: tmp.path }), 'data.file'],
    ['a number as model file', () => setup().client.createModel({ file: 5 as never }), 'data.file'],
    ['a bad chunk size', () => setup().client.createModel({ file: weights }, { chunkSize: -1 }), 'chunkSize'],
  ])('rejects %s before sending', async (_, call, argument) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
  });
});
