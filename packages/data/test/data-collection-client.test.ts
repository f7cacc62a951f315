import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { PageIterator } from '../src/index.js';
import { AUTH, BASE, setup } from './helpers.js';

useMockNetwork();

describe('DataCollectionClient: collections, units and checksums', () => {
  it('listDataCollection: GET data_collections/ returns the page', async () => {
    const { api, client } = setup();
    const page = {
      count: 1,
      next: null,
      previous: null,
      results: [{ id: 1, name: 'Demo', file_specifications: [1] }],
    };
    api.on('GET', '/data_collections/').reply(200, page);
    expect(await client.listDataCollection()).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/data_collections/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getDataCollection: GET data_collections/{id}/?expand=file_specifications', async () => {
    const { api, client } = setup();
    const collection = {
      id: 4,
      name: 'Demo',
      file_specifications: [{ id: 1, name: 'image_1', extra: true }],
    };
    api.on('GET', '/data_collections/4/').reply(200, collection);
    expect(await client.getDataCollection(4)).toEqual(collection);
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'GET',
      path: '/data_collections/4/',
      search: 'expand=file_specifications',
    });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getDataUnit: GET data_units/{id}/ with params', async () => {
    const { api, client } = setup();
    const unit = { id: 9, data_collection: 1, files: { image_1: { checksum: 'abc' } }, meta: {} };
    api.on('GET', '/data_units/9/').reply(200, unit);
    expect(await client.getDataUnit(9, { expand: 'files' })).toEqual(unit);
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'GET',
      path: '/data_units/9/',
      query: { expand: 'files' },
      body: '',
    });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getDataUnit works without params', async () => {
    const { api, client } = setup();
    api.on('GET', '/data_units/9/').reply(200, { id: 9 });
    expect(await client.getDataUnit(9)).toEqual({ id: 9 });
    expect((await api.single()).search).toBe('');
  });

  it('createDataUnits: POST data_units/ with a list', async () => {
    const { api, client } = setup();
    const data = [
      { data_collection: 1, files: { image_1: { checksum: 'c1', path: 'a.png' } }, meta: { n: 1 } },
      { data_collection: 1, files: { image_1: { checksum: 'c2', path: 'b.png' } } },
    ];
    const reply = [
      { id: 10, data_collection: 1 },
      { id: 11, data_collection: 1 },
    ];
    api.on('POST', '/data_units/').reply(201, reply);
    const units = await client.createDataUnits(data);
    expect(units).toEqual(reply);
    expect(units[1]?.id).toBe(11);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/data_units/', search: '', json: data });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('createDataUnits: one data unit', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_units/').reply(201, { id: 12, data_collection: 2 });
    const unit = await client.createDataUnits({ data_collection: 2, meta: {} });
    expect(unit.id).toBe(12);
    expect((await api.single()).json).toEqual({ data_collection: 2, meta: {} });
  });

  it('listDataUnits: GET data_units/ returns the first page as sent', async () => {
    const { api, client } = setup();
    const page = { count: 1, next: null, previous: null, results: [{ id: 1, files: {} }] };
    api.on('GET', '/data_units/').reply(200, page);
    expect(await client.listDataUnits({ data_collection: 1 })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/data_units/', query: { data_collection: '1' } });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listDataUnits listAll: follows next verbatim with page_size', async () => {
    const { api, client } = setup();
    api.on('GET', '/data_units/').reply(200, {
      count: 2,
      next: `${BASE}/data_units/?page=2&page_size=100`,
      previous: null,
      results: [{ id: 1 }],
    });
    api.on('GET', '/data_units/').reply(200, { count: 2, next: null, previous: null, results: [{ id: 2 }] });
    const all = await client.listDataUnits({ data_collection: 1 }, { listAll: true });
    expect(all).toBeInstanceOf(PageIterator);
    expect(all.count).toBe(2);
    expect(await all.toArray()).toEqual([{ id: 1 }, { id: 2 }]);
    const [first, second] = await api.all();
    expect(first).toMatchObject({ search: 'data_collection=1&page_size=100' });
    expect(second).toMatchObject({ search: 'page=2&page_size=100' });
    expect(second?.headers).toMatchObject(AUTH);
  });

  it('listDataUnits urlConversion: downloads the files of each unit (default field files)', async () => {
    const { api, client } = setup();
    const media = `${BASE}/media/data_files/1/a.txt`;
    api.on('GET', '/data_units/').reply(200, {
      count: 1,
      next: null,
      previous: null,
      results: [{ id: 1, files: { image_1: { checksum: 'c', url: media } } }],
    });
    api.on('GET', '/media/data_files/1/a.txt').reply(200, 'hello');
    const cacheDir = await mkdtemp(join(tmpdir(), 'synapse-data-cache-'));
    try {
      const page = await client.listDataUnits(undefined, { urlConversion: { cacheDir } });
      const file = page.results[0]?.files?.image_1 as { path: string; url?: string };
      expect(file.url).toBeUndefined();
      expect(file.path.startsWith(cacheDir)).toBe(true);
      expect(await readFile(file.path, 'utf8')).toBe('hello');
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('dataFilesVerifyChecksums: POST data_files/verify_checksums/ with { checksums }', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/verify_checksums/').reply(200, { existing: ['a'], missing: ['b'] });
    expect(await client.dataFilesVerifyChecksums(['a', 'b'])).toEqual({ existing: ['a'], missing: ['b'] });
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'POST',
      path: '/data_files/verify_checksums/',
      search: '',
      json: { checksums: ['a', 'b'] },
    });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });
});
