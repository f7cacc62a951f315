import { promises as fsPromises } from 'node:fs';
import { open } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { Readable } from 'node:stream';
import { useMockNetwork } from '@synapse/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BadRequestError,
  CHUNKED_UPLOAD_THRESHOLD,
  type UploadProgress,
  ValidationError,
} from '../src/index.js';
import { AUTH, BASE, md5, setup, useFixtures } from './helpers.js';

useMockNetwork();
const fixtures = useFixtures();

const UPLOAD_URL = `${BASE}/chunked_upload/u-1/`;

/** The paths `fs.promises.stat` is asked about from here on, whoever imports it (the SDK's build included). */
function watchStats(): string[] {
  const asked: string[] = [];
  const stat = fsPromises.stat;
  vi.spyOn(fsPromises, 'stat').mockImplementation(((path: string, ...rest: never[]) => {
    asked.push(String(path));
    return stat(path, ...rest);
  }) as typeof stat);
  syncBuiltinESMExports();
  return asked;
}
afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

describe('createDataFile', () => {
  it('default: one multipart POST data_files/ with part file named after the path', async () => {
    const { api, client } = setup();
    const file = await fixtures.file('cat.txt', 'meow meow');
    api.on('POST', '/data_files/').reply(201, { id: 5, checksum: 'sha1-cat', size: 9 });
    const progress: UploadProgress[] = [];
    const created = await client.createDataFile(file, { onProgress: (p) => progress.push(p) });
    expect(created).toEqual({ id: 5, checksum: 'sha1-cat', size: 9 });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/data_files/', search: '' });
    expect(req.headers).toMatchObject(AUTH);
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.parts).toEqual([
      expect.objectContaining({ name: 'file', filename: 'cat.txt', value: 'meow meow' }),
    ]);
    expect(progress).toEqual([
      { loaded: 0, total: 9 },
      { loaded: 9, total: 9 },
    ]);
  });

  it('stats the path once: the check and the form share it', async () => {
    const { api, client } = setup();
    const file = await fixtures.file('one-stat.txt', 'purr');
    api.on('POST', '/data_files/').reply(201, { id: 6, checksum: 'sha1-purr' });
    const asked = watchStats();
    expect(await client.createDataFile(file)).toEqual({ id: 6, checksum: 'sha1-purr' });
    expect(asked).toEqual([file]);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/data_files/', search: '' });
    expect(req.headers).toMatchObject(AUTH);
    expect(req.parts).toEqual([
      expect.objectContaining({ name: 'file', filename: 'one-stat.txt', value: 'purr' }),
    ]);
  });

  it('bytes with a filename go as one multipart part with that filename', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 6, checksum: 'c6' });
    await client.createDataFile({ content: new TextEncoder().encode('raw'), filename: 'raw.bin' });
    const req = await api.single();
    expect(req.parts).toEqual([expect.objectContaining({ name: 'file', filename: 'raw.bin', value: 'raw' })]);
  });

  it('useChunkedUpload: PUTs each chunk, POSTs the md5, then POST data_files/ with the upload id', async () => {
    const { api, client } = setup();
    const content = '0123456789';
    const file = await fixtures.file('digits.txt', content);
    api.on('PUT', '/chunked_upload/').reply(200, { id: 'u-1', url: UPLOAD_URL, offset: 4 });
    api.on('PUT', '/chunked_upload/u-1/').reply(200, { id: 'u-1', url: UPLOAD_URL, offset: 8 });
    api.on('PUT', '/chunked_upload/u-1/').reply(200, { id: 'u-1', url: UPLOAD_URL, offset: 10 });
    api.on('POST', '/chunked_upload/u-1/').reply(200, { id: 'u-1', status: 'complete' });
    api.on('POST', '/data_files/').reply(201, { id: 7, checksum: 'sha1-digits' });
    const progress: number[] = [];
    const created = await client.createDataFile(file, {
      useChunkedUpload: true,
      chunkSize: 4,
      onProgress: (p) => progress.push(p.loaded),
    });
    expect(created).toEqual({ id: 7, checksum: 'sha1-digits' });
    const requests = await api.all();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /chunked_upload/',
      'PUT /chunked_upload/u-1/',
      'PUT /chunked_upload/u-1/',
      'POST /chunked_upload/u-1/',
      'POST /data_files/',
    ]);
    const ranges = ['bytes 0-3/10', 'bytes 4-7/10', 'bytes 8-9/10'];
    const chunks = ['0123', '4567', '89'];
    requests.slice(0, 3).forEach((put, i) => {
      expect(put.headers).toMatchObject({ ...AUTH, 'content-range': ranges[i] });
      expect(put.parts).toEqual([
        expect.objectContaining({ name: 'filename', value: 'digits.txt' }),
        expect.objectContaining({ name: 'file', filename: 'file', value: chunks[i] }),
      ]);
    });
    expect(requests[3]).toMatchObject({ json: { md5: md5(content) } });
    expect(requests[3]?.headers).toMatchObject(AUTH);
    expect(requests[4]).toMatchObject({ json: { chunked_upload: 'u-1', meta: { filename: 'digits.txt' } } });
    expect(requests[4]?.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
    expect(progress).toEqual([0, 4, 8, 10]);
  });

  it('without useChunkedUpload, a file over 50 MiB goes through the chunked upload', async () => {
    const { api, client } = setup();
    const file = await fixtures.file('big.bin', '');
    const handle = await open(file, 'r+');
    await handle.truncate(CHUNKED_UPLOAD_THRESHOLD + 1); // sparse: nothing is written
    await handle.close();
    // The first PUT is refused, so only its one-byte chunk is ever sent.
    api.on('PUT', '/chunked_upload/').reply(400, { detail: 'refused in test' });
    const error = await client.createDataFile(file, { chunkSize: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'PUT', path: '/chunked_upload/' });
    expect(req.headers['content-range']).toBe(`bytes 0-0/${CHUNKED_UPLOAD_THRESHOLD + 1}`);
  });

  it('without useChunkedUpload, a stream whose size is over 50 MiB goes through the chunked upload', async () => {
    const { api, client } = setup();
    api.on('PUT', '/chunked_upload/').reply(400, { detail: 'refused in test' });
    const stream = Readable.from([Buffer.from('abc')]);
    const size = CHUNKED_UPLOAD_THRESHOLD + 1;
    const error = await client
      .createDataFile({ content: stream, size, filename: 's.bin' }, { chunkSize: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    const req = await api.single();
    expect(req.headers['content-range']).toBe(`bytes 0-0/${size}`);
    expect(req.parts).toEqual([
      expect.objectContaining({ name: 'filename', value: 's.bin' }),
      expect.objectContaining({ name: 'file', filename: 'file', value: 'a' }),
    ]);
  });

  it('without useChunkedUpload, a stream of at most 50 MiB is one multipart POST', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 8, checksum: 'c8' });
    const stream = Readable.from([Buffer.from('streamed')]);
    await client.createDataFile({ content: stream, size: 8, filename: 'st.txt' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/data_files/' });
    expect(req.parts).toEqual([
      expect.objectContaining({ name: 'file', filename: 'st.txt', value: 'streamed' }),
    ]);
  });

  it('useChunkedUpload false keeps a stream in one multipart POST', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 9, checksum: 'c9' });
    const stream = Readable.from([Buffer.from('xyz')]);
    await client.createDataFile({ content: stream, size: 3 }, { useChunkedUpload: false });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/data_files/' });
    expect(req.parts).toEqual([expect.objectContaining({ name: 'file', filename: 'file', value: 'xyz' })]);
  });

  it('a stream shorter than its given size fails as the input error it is, and is not retried', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 10, checksum: 'c10' });
    const stream = Readable.from([Buffer.from('xyz')]);
    const error = await client
      .createDataFile({ content: stream, size: 5 }, { maxRetries: 2 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'size',
      message: 'the stream ended at byte 3, but its size was given as 5',
    });
  });
});

describe('uploadDataFile', () => {
  it('uploads each file and returns a new record with data_collection and { checksum, path }', async () => {
    const { api, client } = setup();
    const image = await fixtures.file('img.png', 'PNG');
    const meta = await fixtures.file('meta.json', '{}');
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-img' });
    api.on('POST', '/data_files/').reply(201, { id: 2, checksum: 'sum-meta' });
    const data = { files: { image_1: image, meta_1: meta }, meta: { n: 1 } };
    const snapshot = structuredClone(data);
    const uploaded = await client.uploadDataFile(data, 3);
    expect(uploaded).toEqual({
      files: { image_1: { checksum: 'sum-img', path: image }, meta_1: { checksum: 'sum-meta', path: meta } },
      meta: { n: 1 },
      data_collection: 3,
    });
    expect(data).toEqual(snapshot);
    const requests = await api.all();
    expect(requests.map((r) => r.parts?.map((p) => [p.name, p.filename, p.value]))).toEqual([
      [['file', 'img.png', 'PNG']],
      [['file', 'meta.json', '{}']],
    ]);
    for (const req of requests) expect(req.headers).toMatchObject(AUTH);
  });

  it('stats each path once, for the check before anything is sent and the upload alike', async () => {
    const { api, client } = setup();
    const image = await fixtures.file('once.png', 'PNG');
    const meta = await fixtures.file('once.json', '{}');
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-img' });
    api.on('POST', '/data_files/').reply(201, { id: 2, checksum: 'sum-meta' });
    const asked = watchStats();
    const uploaded = await client.uploadDataFile({ files: { image_1: image, meta_1: meta } }, 3);
    expect(asked.sort()).toEqual([meta, image].sort());
    expect(uploaded.files).toEqual({
      image_1: { checksum: 'sum-img', path: image },
      meta_1: { checksum: 'sum-meta', path: meta },
    });
    const requests = await api.all();
    expect(
      requests.map((r) => [r.method, r.path, r.parts?.map((p) => [p.name, p.filename, p.value])]),
    ).toEqual([
      ['POST', '/data_files/', [['file', 'once.png', 'PNG']]],
      ['POST', '/data_files/', [['file', 'once.json', '{}']]],
    ]);
    for (const req of requests) expect(req.headers).toMatchObject(AUTH);
  });

  it('passes useChunkedUpload and reports progress by file name', async () => {
    const { api, client } = setup();
    const file = await fixtures.file('c.txt', 'abcdef');
    api.on('PUT', '/chunked_upload/').reply(200, { id: 'u-1', url: UPLOAD_URL, offset: 6 });
    api.on('POST', '/chunked_upload/u-1/').reply(200, { id: 'u-1' });
    api.on('POST', '/data_files/').reply(201, { id: 3, checksum: 'sum-c' });
    const seen: string[] = [];
    const uploaded = await client.uploadDataFile({ files: { doc: file } }, 1, {
      useChunkedUpload: true,
      chunkSize: 8,
      onProgress: (p) => seen.push(`${p.name}:${p.loaded}/${p.total}`),
    });
    expect(uploaded.files.doc).toEqual({ checksum: 'sum-c', path: file });
    const requests = await api.all();
    expect(requests[0]?.headers['content-range']).toBe('bytes 0-5/6');
    expect(requests[1]?.json).toEqual({ md5: md5('abcdef') });
    expect(requests[2]?.json).toEqual({ chunked_upload: 'u-1', meta: { filename: 'c.txt' } });
    expect(seen).toEqual(['doc:0/6', 'doc:6/6']);
  });
});
