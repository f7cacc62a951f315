import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreClient, DEFAULT_CHUNK_SIZE, ServerError, ValidationError } from '../src/internal.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';
import { md5Hex, patternBytes, tempFiles } from './helpers/upload-files.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

const files = await tempFiles();
afterAll(files.cleanup);

const PATH = '/chunked_upload/u1/';
const UPLOAD = `${BASE}${PATH}`;
const client = () =>
  new TestClient({ baseUrl: BASE, accessToken: TOKEN, retry: { initialDelay: 0, maxDelay: 0 } });

describe('chunked upload options', () => {
  const missing = () => `${files.dir}/missing.bin`;
  it.each<[string, unknown, string, unknown]>([
    ['null', null, 'options', 'options must be an object'],
    ['text', 'fast', 'options', 'options must be an object'],
    ['chunkSize 0', { chunkSize: 0 }, 'chunkSize', 'chunkSize must be a whole number of bytes ≥ 1'],
    ['chunkSize 1.5', { chunkSize: 1.5 }, 'chunkSize', 'chunkSize must be a whole number of bytes ≥ 1'],
    ['onProgress not a function', { onProgress: 1 }, 'onProgress', 'onProgress must be a function'],
    ['onUploadUrl not a function', { onUploadUrl: 'x' }, 'onUploadUrl', 'onUploadUrl must be a function'],
    ...['chunked_upload/u1/', `see ${UPLOAD}`, 'https:///chunked_upload/u1/'].map(
      (resumeUrl): [string, unknown, string, unknown] => [
        `resumeUrl ${JSON.stringify(resumeUrl)}`,
        { resumeUrl },
        'resumeUrl',
        'resumeUrl must be the absolute upload URL reported by onUploadUrl',
      ],
    ),
    [
      'a negative read timeout',
      { timeout: { read: -1 } },
      'timeout.read',
      expect.stringContaining('timeout.read'),
    ],
    ['headers as a list', { headers: [['a', 'b']] }, 'headers', 'headers must be an object of strings'],
    ['a signal that is no AbortSignal', { signal: {} }, 'signal', 'signal must be an AbortSignal'],
    ['maxRetries -1', { maxRetries: -1 }, 'maxRetries', 'maxRetries must be a whole number ≥ 0'],
    ['maxRetries 1.5', { maxRetries: 1.5 }, 'maxRetries', 'maxRetries must be a whole number ≥ 0'],
  ])('refuses %s before the file is looked at or anything is sent', async (_, options, argument, message) => {
    const api = new MockApi(BASE);
    const error = await client()
      .createChunkedUpload(missing(), options as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument, message });
    expect(api.requests).toEqual([]);
  });

  it('chunkSize 1 sends one byte per PUT', async () => {
    const bytes = patternBytes(3);
    const api = new MockApi(BASE);
    api.on('PUT', '/chunked_upload/').reply(200, { url: UPLOAD, offset: 1 });
    api.on('PUT', PATH).reply(200, { url: UPLOAD, offset: 2 });
    api.on('PUT', PATH).reply(200, { url: UPLOAD, offset: 3 });
    api.on('POST', PATH).reply(200, { id: 'u1', status: 'complete' });
    const result = await client().createChunkedUpload(bytes, { chunkSize: 1 });
    expect(result).toEqual({ id: 'u1', status: 'complete' });
    const requests = await api.all();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.headers['content-range'] ?? ''}`)).toEqual([
      'PUT /chunked_upload/ bytes 0-0/3',
      `PUT ${PATH} bytes 1-1/3`,
      `PUT ${PATH} bytes 2-2/3`,
      `POST ${PATH} `,
    ]);
    expect(requests.map((r) => r.parts?.[1]?.size)).toEqual([1, 1, 1, undefined]);
    expect(requests[3]?.json).toEqual({ md5: md5Hex(bytes) });
    api.done();
  });

  it('maxRetries 0: a failed chunk is not sent again', async () => {
    const api = new MockApi(BASE);
    api.on('PUT', '/chunked_upload/').reply(503, { detail: 'Service Unavailable' });
    const error = await client()
      .createChunkedUpload(patternBytes(4), { maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, method: 'PUT', url: `${BASE}/chunked_upload/` });
    expect((await api.all()).map((r) => r.headers['content-range'])).toEqual(['bytes 0-3/4']);
    api.done();
  });

  it('the default chunk is 50 MiB', async () => {
    expect(DEFAULT_CHUNK_SIZE).toBe(50 * 1024 * 1024);
    const size = DEFAULT_CHUNK_SIZE + 1;
    const sent: Array<{ method: string; range: string | null; bytes: number }> = [];
    const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
      const bytes = init.body ? (await new Response(init.body).arrayBuffer()).byteLength : 0;
      sent.push({
        method: init.method ?? 'GET',
        range: new Headers(init.headers).get('content-range'),
        bytes,
      });
      const offset = sent.length === 1 ? DEFAULT_CHUNK_SIZE : size;
      const reply = init.method === 'POST' ? { id: 'u1', status: 'complete' } : { url: UPLOAD, offset };
      expect(String(input)).toBe(sent.length === 1 ? `${BASE}/chunked_upload/` : UPLOAD);
      return Response.json(reply);
    };
    const uploader = new CoreClient({ baseUrl: BASE, accessToken: TOKEN, fetch });
    const result = await uploader.createChunkedUpload(new Blob([new Uint8Array(size)]));
    expect(result).toEqual({ id: 'u1', status: 'complete' });
    expect(sent.map(({ method, range }) => `${method} ${range}`)).toEqual([
      `PUT bytes 0-${DEFAULT_CHUNK_SIZE - 1}/${size}`,
      `PUT bytes ${DEFAULT_CHUNK_SIZE}-${DEFAULT_CHUNK_SIZE}/${size}`,
      'POST null',
    ]);
    // Each PUT carries its chunk inside the form.
    expect(sent[0]?.bytes).toBeGreaterThan(DEFAULT_CHUNK_SIZE);
    expect(sent[1]?.bytes).toBeLessThan(1000);
  });
});
