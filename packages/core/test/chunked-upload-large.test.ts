import { beforeAll, describe, expect, it } from 'vitest';
import { WORKER_MD5_FROM } from '../src/chunked-upload/md5.js';
import { AbortError, CoreClient } from '../src/index.js';
import { useUploadEmulator } from './helpers/upload-emulator.js';
import { md5Hex, patternBytes, tempFiles } from './helpers/upload-files.js';

// Large enough to be hashed on a worker thread: the MD5 the server checks at completion is that thread's.
const SIZE = WORKER_MD5_FROM + 12345;
const CHUNK = 24 * 1024 * 1024;
const bytes = patternBytes(SIZE, 3);
const files = await tempFiles();
const uploads = useUploadEmulator(files);
let path: string;

beforeAll(async () => {
  path = await files.write('large.bin', bytes);
});

const client = () =>
  new CoreClient({ baseUrl: uploads.emulator.backendUrl, accessToken: uploads.emulator.tokens.accessToken });

describe('createChunkedUpload of a file hashed on a worker thread', () => {
  it('completes with the MD5 of every byte, checked by the server', async () => {
    const loaded: number[] = [];
    const result = await client().createChunkedUpload(path, {
      chunkSize: CHUNK,
      onProgress: (p) => loaded.push(p.loaded),
    });
    expect(result).toMatchObject({
      status: 'complete',
      md5: md5Hex(bytes),
      offset: SIZE,
      filename: 'large.bin',
    });
    expect(loaded).toEqual([0, CHUNK, 2 * CHUNK, SIZE]);
  });

  it('resumes after an abort: the bytes the server has are hashed, not sent', async () => {
    const controller = new AbortController();
    let uploadUrl = '';
    const first = await client()
      .createChunkedUpload(path, {
        chunkSize: CHUNK,
        signal: controller.signal,
        onUploadUrl: (url) => {
          uploadUrl = url;
          controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(first).toBeInstanceOf(AbortError);
    const before = uploads.emulator.stats().requests['backend PUT /chunked_upload/{id}/'] ?? 0;
    const result = await client().createChunkedUpload(bytes, {
      chunkSize: CHUNK,
      resumeUrl: uploadUrl,
      filename: 'large.bin',
    });
    expect(result).toMatchObject({ status: 'complete', md5: md5Hex(bytes), offset: SIZE, url: uploadUrl });
    expect((uploads.emulator.stats().requests['backend PUT /chunked_upload/{id}/'] ?? 0) - before).toBe(2);
  });
});
