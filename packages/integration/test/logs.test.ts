import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useMockNetwork, useTempDir } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf } from '../src/data-uri.js';
import { PageIterator } from '../src/index.js';
import { AUTH, BASE, setup } from './helpers.js';

useMockNetwork();
const tmp = useTempDir('integration-logs-');

describe('IntegrationClient logs', () => {
  it('createLogs: POST logs/ wraps one record in a list', async () => {
    const { api, client } = setup();
    api.on('POST', '/logs/').reply(201, [{ id: 1 }]);
    const record = { event: 'epoch', message: 'epoch 1 done', data: { loss: 0.3 } };
    expect(await client.createLogs(record)).toEqual([{ id: 1 }]);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/logs/', search: '', json: [record] });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('createLogs replaces a file path by a base64 data URI and leaves the records unchanged', async () => {
    const { api, client } = setup();
    const image = join(tmp.path, 'plot.png');
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    await writeFile(image, bytes);
    api.on('POST', '/logs/').reply(201, [{ id: 1 }, { id: 2 }]);
    const records = [{ event: 'plot', file: image }, { event: 'text' }];
    await client.createLogs(records);
    const req = await api.single();
    expect(req.json).toEqual([
      { event: 'plot', file: `data:image/png;base64,${bytes.toString('base64')}` },
      { event: 'text' },
    ]);
    expect(records[0]).toEqual({ event: 'plot', file: image });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('createLogs encodes bytes and Blobs; unknown types are application/octet-stream', async () => {
    const { api, client } = setup();
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    api.on('POST', '/logs/').reply(201, []);
    await client.createLogs([
      { file: big },
      { file: new File(['{"a":1}'], 'metrics.json') },
      { file: { content: new Uint8Array([1]), filename: 'weights.BIN' } },
    ]);
    const [first, second, third] = (await api.single()).json as { file: string }[];
    expect(first?.file).toBe(`data:application/octet-stream;base64,${Buffer.from(big).toString('base64')}`);
    expect(second?.file).toBe(`data:application/json;base64,${Buffer.from('{"a":1}').toString('base64')}`);
    expect(third?.file).toBe('data:application/octet-stream;base64,AQ==');
  });

  it('createLogs sends a file whose extension names an object property as application/octet-stream', async () => {
    const { api, client } = setup();
    api.on('POST', '/logs/').reply(201, []);
    await client.createLogs({ file: { content: new Uint8Array([1]), filename: 'weights.constructor' } });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/logs/' });
    expect(req.json).toEqual([{ file: 'data:application/octet-stream;base64,AQ==' }]);
    expect(req.headers).toMatchObject(AUTH);
  });

  it('mimeTypeOf knows common extensions, case-insensitively', () => {
    expect(mimeTypeOf('a.JPG')).toBe('image/jpeg');
    expect(mimeTypeOf('report.csv')).toBe('text/csv');
    expect(mimeTypeOf('archive.tar.gz')).toBe('application/gzip');
    expect(mimeTypeOf('noextension')).toBe('application/octet-stream');
  });

  it('createServeApplication: POST serve_applications/ with JSON', async () => {
    const { api, client } = setup();
    api.on('POST', '/serve_applications/').reply(201, { id: 6, name: 'detector' });
    const data = { name: 'detector', job: 17, plugin_release: 9, data: { route_prefix: '/detector' } };
    expect(await client.createServeApplication(data)).toEqual({ id: 6, name: 'detector' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/serve_applications/', search: '', json: data });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('listServeApplications: GET serve_applications/ returns the page', async () => {
    const { api, client } = setup();
    const page = { count: 1, next: null, previous: null, results: [{ id: 6 }] };
    api.on('GET', '/serve_applications/').reply(200, page);
    expect(await client.listServeApplications({ job: 17 })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/serve_applications/', query: { job: '17' } });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listServeApplications listAll: every item, never converting URLs', async () => {
    const { api, client } = setup();
    api.on('GET', '/serve_applications/').reply(200, {
      count: 2,
      next: `${BASE}/serve_applications/?page=2&page_size=100`,
      previous: null,
      results: [{ id: 1, files: 'https://files.test/a.bin' }],
    });
    api
      .on('GET', '/serve_applications/')
      .reply(200, { count: 2, next: null, previous: null, results: [{ id: 2 }] });
    const options = { listAll: true, urlConversion: true } as { listAll: true };
    const all = await client.listServeApplications(undefined, options);
    expect(all).toBeInstanceOf(PageIterator);
    expect(await all.toArray()).toEqual([{ id: 1, files: 'https://files.test/a.bin' }, { id: 2 }]);
    const requests = await api.all();
    expect(requests.map((r) => r.search)).toEqual(['page_size=100', 'page=2&page_size=100']);
  });
});
