import { Readable } from 'node:stream';
import { blockNetwork, MockApi, type RecordedRequest, resetNetwork } from '@synapse/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError, ValidationError } from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';
import { md5Hex, patternBytes, tempFiles } from './helpers/upload-files.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

const files = await tempFiles();
afterAll(files.cleanup);

const UPLOAD = `${BASE}/chunked_upload/0b7c-upload/`;
const client = () => new TestClient({ baseUrl: BASE, accessToken: TOKEN });
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Answers each PUT as the server does: the upload's URL and the offset after the chunk. */
function chunkReplies(api: MockApi, ends: number[]) {
  ends.forEach((end, index) => {
    api.on('PUT', index === 0 ? '/chunked_upload/' : '/chunked_upload/0b7c-upload/').reply(200, {
      id: '0b7c-upload',
      url: UPLOAD,
      offset: end,
    });
  });
  api.on('POST', '/chunked_upload/0b7c-upload/').reply(200, { id: '0b7c-upload', status: 'complete' });
}

function expectChunk(req: RecordedRequest, path: string, range: string, filename: string, bytes: Uint8Array) {
  expect(req.method).toBe('PUT');
  expect(req.path).toBe(path);
  expect(req.search).toBe('');
  expect(req.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  expect(req.headers['content-range']).toBe(range);
  expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=----formdata-undici-0\d{11}$/);
  expect(req.headers['content-length']).toBe(String(Buffer.byteLength(req.body, 'latin1')));
  expect(req.parts).toEqual([
    { name: 'filename', value: filename, size: Buffer.byteLength(filename) },
    {
      name: 'file',
      filename: 'file',
      contentType: 'application/octet-stream',
      value: latin1(bytes),
      size: bytes.byteLength,
    },
  ]);
}

function expectCompletion(req: RecordedRequest, bytes: Uint8Array) {
  expect(req.method).toBe('POST');
  expect(req.path).toBe('/chunked_upload/0b7c-upload/');
  expect(req.search).toBe('');
  expect(req.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  expect(req.headers['content-type']).toBe('application/json');
  expect(req.body).toBe(`{"md5":"${md5Hex(bytes)}"}`);
}

describe('createChunkedUpload on the wire', () => {
  it('an 11-byte file: one PUT to chunked_upload/ with bytes 0-10/11, then the md5 POST (behaviour 34)', async () => {
    const bytes = new TextEncoder().encode('hello world');
    const path = await files.write('hello.txt', bytes);
    const api = new MockApi(BASE);
    chunkReplies(api, [11]);
    const result = await client().createChunkedUpload(path);
    const [put, post, ...rest] = await api.all();
    expect(rest).toEqual([]);
    expectChunk(put as RecordedRequest, '/chunked_upload/', 'bytes 0-10/11', 'hello.txt', bytes);
    expectCompletion(post as RecordedRequest, bytes);
    expect(result).toEqual({ id: '0b7c-upload', status: 'complete' });
    api.done();
  });

  it('a file of exactly one chunk sends one PUT', async () => {
    const bytes = patternBytes(64);
    const path = await files.write('one.bin', bytes);
    const api = new MockApi(BASE);
    chunkReplies(api, [64]);
    const progress: unknown[] = [];
    const result = await client().createChunkedUpload(path, {
      chunkSize: 64,
      onProgress: (p) => progress.push(p),
    });
    const [put, post, ...rest] = await api.all();
    expect(rest).toEqual([]);
    expectChunk(put as RecordedRequest, '/chunked_upload/', 'bytes 0-63/64', 'one.bin', bytes);
    expectCompletion(post as RecordedRequest, bytes);
    expect(progress).toEqual([
      { loaded: 0, total: 64 },
      { loaded: 64, total: 64 },
    ]);
    expect(result.id).toBe('0b7c-upload');
    api.done();
  });

  const twoAndAHalf = patternBytes(40);
  it.each([
    ['a path', async () => files.write('parts.bin', twoAndAHalf), 'parts.bin'],
    ['a Blob', async () => new Blob([twoAndAHalf]), 'file'],
    ['a File', async () => new File([twoAndAHalf], 'named.bin'), 'named.bin'],
    ['bytes', async () => twoAndAHalf, 'file'],
    ['an ArrayBuffer', async () => twoAndAHalf.slice().buffer, 'file'],
    [
      'a Node stream with its size',
      async () => ({ content: Readable.from([twoAndAHalf.slice(0, 7), twoAndAHalf.slice(7)]), size: 40 }),
      'file',
    ],
    [
      // An empty piece must not shift where the kept bytes of a one-shot stream sit in the file.
      'a Node stream with an empty piece',
      async () => ({
        content: Readable.from([twoAndAHalf.slice(0, 7), new Uint8Array(0), twoAndAHalf.slice(7)]),
        size: 40,
      }),
      'file',
    ],
    [
      'a web stream with its size',
      async () => ({ content: new Blob([twoAndAHalf]).stream(), size: 40, filename: 'web.bin' }),
      'web.bin',
    ],
  ])('2½ chunks from %s: PUTs to chunked_upload/ then to the returned url', async (_, make, filename) => {
    const api = new MockApi(BASE);
    chunkReplies(api, [16, 32, 40]);
    const urls: string[] = [];
    const result = await client().createChunkedUpload(await make(), {
      chunkSize: 16,
      onUploadUrl: (url) => urls.push(url),
    });
    const requests = await api.all();
    expect(requests).toHaveLength(4);
    const [first, second, third, post] = requests as RecordedRequest[];
    const upload = '/chunked_upload/0b7c-upload/';
    expectChunk(
      first as RecordedRequest,
      '/chunked_upload/',
      'bytes 0-15/40',
      filename,
      twoAndAHalf.slice(0, 16),
    );
    expectChunk(second as RecordedRequest, upload, 'bytes 16-31/40', filename, twoAndAHalf.slice(16, 32));
    expectChunk(third as RecordedRequest, upload, 'bytes 32-39/40', filename, twoAndAHalf.slice(32));
    expectCompletion(post as RecordedRequest, twoAndAHalf);
    expect(urls).toEqual([UPLOAD]);
    expect(result).toEqual({ id: '0b7c-upload', status: 'complete' });
    api.done();
  });

  it('a zero-byte file is one whole-file POST to chunked_upload/ with the empty md5', async () => {
    const path = await files.write('empty.txt', '');
    const api = new MockApi(BASE);
    api.on('POST', '/chunked_upload/').reply(200, { id: 'empty-upload', status: 'complete', offset: 0 });
    const progress: unknown[] = [];
    const result = await client().createChunkedUpload(path, { onProgress: (p) => progress.push(p) });
    const req = await api.single();
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/chunked_upload/');
    expect(req.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
    expect(req.headers['content-range']).toBeUndefined();
    expect(req.parts).toEqual([
      { name: 'filename', value: 'empty.txt', size: 9 },
      { name: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', size: 32 },
      { name: 'file', filename: 'file', contentType: 'application/octet-stream', value: '', size: 0 },
    ]);
    expect(progress).toEqual([{ loaded: 0, total: 0 }]);
    expect(result).toEqual({ id: 'empty-upload', status: 'complete', offset: 0 });
    api.done();
  });

  it('a PUT reply without url/offset is an error, and nothing is completed', async () => {
    const api = new MockApi(BASE);
    api.on('PUT', '/chunked_upload/').reply(200, { id: 'x' });
    const error = await client()
      .createChunkedUpload(new Uint8Array([1, 2, 3]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ status: 500, reason: 'Invalid reply' });
    const [put] = await api.all();
    expect(put?.headers['content-range']).toBe('bytes 0-2/3');
    api.done();
  });

  it.each([
    ['a stream without size', () => [Readable.from(['x']), {}], 'size'],
    ['chunkSize 0', () => [new Uint8Array(1), { chunkSize: 0 }], 'chunkSize'],
    ['a relative resumeUrl', () => [new Uint8Array(1), { resumeUrl: 'chunked_upload/x/' }], 'resumeUrl'],
    ['onProgress not a function', () => [new Uint8Array(1), { onProgress: 1 }], 'onProgress'],
    ['a number as file', () => [42, {}], 'file'],
  ])('rejects %s before any request', async (_, make, argument) => {
    const [file, options] = make() as [never, never];
    const error = await client()
      .createChunkedUpload(file, options)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
  });
});
