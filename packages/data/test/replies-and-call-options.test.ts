import { useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { type DataCollectionClient, ResponseValidationError } from '../src/index.js';
import { AUTH, BASE, setup } from './helpers.js';

useMockNetwork();

const TRACE = { 'x-request-id': 'trace-7' };

describe('per-call options reach the request', () => {
  it.each([
    [
      'listDataCollection',
      (c: DataCollectionClient) => c.listDataCollection({ headers: TRACE }),
      'GET',
      '/data_collections/',
      { count: 0, next: null, previous: null, results: [] },
    ],
    [
      'getDataCollection',
      (c: DataCollectionClient) => c.getDataCollection(4, { headers: TRACE }),
      'GET',
      '/data_collections/4/',
      { id: 4 },
    ],
    [
      'getDataUnit',
      (c: DataCollectionClient) => c.getDataUnit(9, undefined, { headers: TRACE }),
      'GET',
      '/data_units/9/',
      { id: 9 },
    ],
    [
      'createDataUnits',
      (c: DataCollectionClient) => c.createDataUnits({ data_collection: 1 }, { headers: TRACE }),
      'POST',
      '/data_units/',
      { id: 10 },
    ],
    [
      'dataFilesVerifyChecksums',
      (c: DataCollectionClient) => c.dataFilesVerifyChecksums(['a'], { headers: TRACE }),
      'POST',
      '/data_files/verify_checksums/',
      {},
    ],
    [
      'createDataFile',
      (c: DataCollectionClient) => c.createDataFile(new Uint8Array([1]), { headers: TRACE }),
      'POST',
      '/data_files/',
      { id: 1, checksum: 'c' },
    ],
  ] as const)('%s sends the headers given for the call', async (_, call, method, path, reply) => {
    const { api, client } = setup();
    api.on(method, path).reply(200, reply);
    expect(await call(client)).toEqual(reply);
    const req = await api.single();
    expect(req).toMatchObject({ method, path });
    expect(req.headers).toMatchObject({ ...AUTH, ...TRACE });
  });
});

describe('a reply that breaks the method’s schema is a ValidationError naming the response', () => {
  it.each([
    [
      'getDataCollection with a text id',
      (c: DataCollectionClient) => c.getDataCollection(4),
      'GET',
      '/data_collections/4/',
      { id: 'four' },
      'id',
    ],
    [
      'getDataCollection with a text name',
      (c: DataCollectionClient) => c.getDataCollection(4),
      'GET',
      '/data_collections/4/',
      { id: 4, name: 5 },
      'name',
    ],
    [
      'getDataCollection with a file specification without id',
      (c: DataCollectionClient) => c.getDataCollection(4),
      'GET',
      '/data_collections/4/',
      { id: 4, file_specifications: [{ name: 'image_1' }] },
      'file_specifications.0',
    ],
    [
      'getDataUnit without id',
      (c: DataCollectionClient) => c.getDataUnit(9),
      'GET',
      '/data_units/9/',
      { files: {} },
      'id',
    ],
    [
      'getDataUnit with a string as files',
      (c: DataCollectionClient) => c.getDataUnit(9),
      'GET',
      '/data_units/9/',
      { id: 9, files: 'a.png' },
      'files',
    ],
    [
      'createDataUnits with a text id',
      (c: DataCollectionClient) => c.createDataUnits([{ data_collection: 1 }]),
      'POST',
      '/data_units/',
      [{ id: '10' }],
      '0.id',
    ],
    [
      'createDataFile without checksum',
      (c: DataCollectionClient) => c.createDataFile(new Uint8Array([1])),
      'POST',
      '/data_files/',
      { id: 1 },
      'checksum',
    ],
  ] as const)('%s', async (_, call, method, path, reply, field) => {
    const { api, client } = setup();
    api.on(method, path).reply(200, reply);
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method, url: expect.stringMatching(new RegExp(`^${BASE}${path}`)) });
    expect((error as ResponseValidationError).issues.join('\n')).toContain(field);
    expect((error as Error).message).toContain(`${method} ${BASE}${path}`);
    const req = await api.single();
    expect(req).toMatchObject({ method, path });
    expect(req.headers).toMatchObject(AUTH);
  });
});
