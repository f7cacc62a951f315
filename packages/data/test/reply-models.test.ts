import { useMockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DataCollectionClient, ResponseValidationError, ValidationError } from '../src/index.js';
import { AUTH, BASE, setup, useFixtures } from './helpers.js';

useMockNetwork();
const fixtures = useFixtures();
let image: string;
beforeAll(async () => {
  image = await fixtures.file('cat.png', 'cat bytes');
});

const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };
const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });

type Call = (client: DataCollectionClient) => Promise<unknown>;

/** A call and the request it must make. */
interface Row {
  call: Call;
  method: string;
  path: string;
  search: string;
  json?: unknown;
  headers: Record<string, string>;
}

const listCollections: Row = {
  call: (c) => c.listDataCollection(),
  method: 'GET',
  path: '/data_collections/',
  search: '',
  headers: AUTH,
};
const verify: Row = {
  call: (c) => c.dataFilesVerifyChecksums(['a', 'b']),
  method: 'POST',
  path: '/data_files/verify_checksums/',
  search: '',
  json: { checksums: ['a', 'b'] },
  headers: JSON_AUTH,
};
const createUnit: Row = {
  call: (c) =>
    c.createDataUnits({ data_collection: 1, files: { image_1: { checksum: 'c1', path: 'cat.png' } } }),
  method: 'POST',
  path: '/data_units/',
  search: '',
  json: { data_collection: 1, files: { image_1: { checksum: 'c1', path: 'cat.png' } } },
  headers: JSON_AUTH,
};
const getUnit: Row = {
  call: (c) => c.getDataUnit(9),
  method: 'GET',
  path: '/data_units/9/',
  search: '',
  headers: AUTH,
};

async function expectSent(api: ReturnType<typeof setup>['api'], row: Row): Promise<void> {
  const req = await api.single();
  const { call: _call, headers, ...sent } = row;
  expect(req).toMatchObject(sent);
  if (row.json === undefined) expect(req.body).toBe('');
  expect(req.headers).toMatchObject(headers);
}

describe('replies that break their model are a ResponseValidationError naming the method and the field', () => {
  it.each([
    [
      'listDataCollection: an item with a text id',
      listCollections,
      page([{ id: 1 }, { id: 'x' }]),
      'results.1.id',
    ],
    [
      'listDataCollection: a file specification without id',
      listCollections,
      page([{ id: 1, file_specifications: [{ name: 'image_1' }] }]),
      'results.0.file_specifications.0',
    ],
    ['listDataCollection: a list for a page', listCollections, [{ id: 1 }], 'count'],
    ['dataFilesVerifyChecksums: a list', verify, ['a'], undefined],
    ['createDataUnits (one): a unit without id', createUnit, { data_collection: 1 }, 'id'],
    ['getDataUnit: a text data_collection', getUnit, { id: 9, data_collection: 'one' }, 'data_collection'],
  ] as const)('%s', async (_, row, reply, field) => {
    const { api, client } = setup();
    api.on(row.method, row.path).reply(200, reply);
    const error = await row.call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method: row.method, url: `${BASE}${row.path}`, path: field });
    expect((error as Error).message).toContain(`${row.method} ${BASE}${row.path}`);
    if (field) expect((error as ResponseValidationError).issues[0]).toMatch(new RegExp(`^${field}: `));
    await expectSent(api, row);
  });
});

describe('valid replies keep every key the server sent', () => {
  it.each([
    [
      'listDataCollection',
      listCollections,
      {
        ...page([{ id: 1, name: 'Demo', category: 'image', file_specifications: [1, 2] }]),
        extra: { kept: true },
      },
    ],
    ['dataFilesVerifyChecksums', verify, { existing: ['a'], missing: ['b'], anything: 1 }],
    [
      'createDataUnits (one)',
      createUnit,
      {
        id: 10,
        data_collection: 1,
        files: { image_1: { checksum: 'c1', url: `${BASE}/m/cat.png` } },
        meta: null,
        created: 'now',
      },
    ],
    ['getDataUnit', getUnit, { id: 9, data_collection: null, meta: ['any', 'json'], files: {}, owner: 3 }],
  ] as const)('%s', async (_, row, reply) => {
    const { api, client } = setup();
    api.on(row.method, row.path).reply(200, reply);
    expect(await row.call(client)).toEqual(reply);
    await expectSent(api, row);
  });

  it('uploadDataCollection reports each created task with every key the server sent', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'c1', size: 9 });
    api.on('POST', '/data_units/').reply(201, [{ id: 11, data_collection: 7, files: {} }]);
    const task = { id: 21, project: 4, data_unit: 11, status: 'pending', assignee: null };
    api.on('POST', '/tasks/').reply(201, [task]);
    const result = await client.uploadDataCollection(7, [{ files: { image_1: image } }], 4);
    expect(result).toMatchObject({ created: 1, failed: 0 });
    expect(result.items[0]?.task).toEqual(task);
    expect(result.items[0]?.dataUnit).toEqual({ id: 11, data_collection: 7, files: {} });
    const [file, units, tasks] = await api.all();
    expect(file).toMatchObject({ method: 'POST', path: '/data_files/', search: '' });
    expect(file?.parts?.map((part) => part.name)).toEqual(['file']);
    expect(units).toMatchObject({
      method: 'POST',
      path: '/data_units/',
      json: [{ files: { image_1: { checksum: 'c1', path: image } }, data_collection: 7 }],
    });
    expect(tasks).toMatchObject({ method: 'POST', path: '/tasks/', json: [{ project: 4, data_unit: 11 }] });
    for (const req of [file, units, tasks]) expect(req?.headers).toMatchObject(AUTH);
  });

  it('uploadDataCollection: a created task without id fails its record at task, naming the field', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'c1' });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    api.on('POST', '/tasks/').reply(201, [{ project: 4, data_unit: 11 }]);
    const result = await client.uploadDataCollection(7, [{ files: { image_1: image } }], 4);
    expect(result.items[0]).toMatchObject({ status: 'failed', stage: 'task', dataUnit: { id: 11 } });
    expect(result.items[0]?.error).toBeInstanceOf(ResponseValidationError);
    expect(result.items[0]?.error).toMatchObject({ method: 'POST', url: `${BASE}/tasks/`, path: '0.id' });
    const tasks = (await api.all()).filter((req) => req.path === '/tasks/');
    expect(tasks.map((req) => req.json)).toEqual([[{ project: 4, data_unit: 11 }]]);
    expect(tasks[0]?.headers).toMatchObject(JSON_AUTH);
  });
});

describe('inputs are checked against their models before anything is sent', () => {
  it.each([
    [
      'a data unit whose meta is a list',
      (c: DataCollectionClient) => c.createDataUnits({ data_collection: 1, meta: [1] as never }),
      'data.meta',
    ],
    [
      'a data unit file whose path is no string',
      (c: DataCollectionClient) =>
        c.createDataUnits({ data_collection: 1, files: { image_1: { checksum: 'c', path: 4242 as never } } }),
      'data.files.image_1.path',
    ],
    [
      'an upload record whose file is null',
      (c: DataCollectionClient) => c.uploadDataFile({ files: { a: null as never } }, 1),
      'data.files.a',
    ],
    [
      'an upload record whose meta is a list',
      (c: DataCollectionClient) => c.uploadDataFile({ files: {}, meta: [] as never }, 1),
      'data.meta',
    ],
    [
      'listDataCollection with listAll (one page only)',
      (c: DataCollectionClient) => c.listDataCollection({ listAll: true } as never),
      'options.listAll',
    ],
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
});
