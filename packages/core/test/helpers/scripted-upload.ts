import type { MockApi, RecordedRequest } from '@synapse/testing';
import { expect } from 'vitest';
import type { ChunkedUploadOptions, FileInput } from '../../src/index.js';
import { BASE, TestClient, TOKEN } from './test-client.js';
import { md5Hex, patternBytes } from './upload-files.js';

// A 40-byte file uploaded in 16-byte chunks against a scripted server, for the retry and stall tests.
export const PATH = '/chunked_upload/0b7c-upload/';
export const UPLOAD = `${BASE}${PATH}`;
export const SIZE = 40;
export const bytes = patternBytes(SIZE);
export const latin1 = (part: Uint8Array) => Buffer.from(part).toString('latin1');
export const client = () =>
  new TestClient({ baseUrl: BASE, accessToken: TOKEN, retry: { initialDelay: 0, maxDelay: 0 } });

/** The server's reply to a chunk or a state request: the upload at `offset`. */
export const at = (offset: number) => ({ id: '0b7c-upload', url: UPLOAD, offset, status: 'uploading' });

export async function run(api: MockApi, options: ChunkedUploadOptions = {}, file: FileInput = bytes) {
  const progress: number[] = [];
  const outcome = await client()
    .createChunkedUpload(file, {
      chunkSize: 16,
      onProgress: ({ loaded }) => progress.push(loaded),
      ...options,
    })
    .then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
  return { ...outcome, progress, requests: await api.all() };
}

/** Each request as `METHOD path range`, after checking the token and the chunk bytes each PUT carried. */
export function sequence(requests: RecordedRequest[]): string[] {
  return requests.map((req) => {
    expect(req.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
    expect(req.search).toBe('');
    const range = req.headers['content-range'];
    if (req.method === 'PUT') {
      const [, start, end] = /^bytes (\d+)-(\d+)\/40$/.exec(range ?? '') ?? [];
      const chunk = bytes.slice(Number(start), Number(end) + 1);
      expect(req.parts?.[1]).toMatchObject({ name: 'file', value: latin1(chunk), size: chunk.byteLength });
    }
    if (req.method === 'POST') expect(req.json).toEqual({ md5: md5Hex(bytes) });
    return [req.method, req.path, range].filter(Boolean).join(' ');
  });
}
