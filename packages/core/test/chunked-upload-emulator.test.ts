import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  BadRequestError,
  type ChunkedUploadOptions,
  CoreClient,
  type UploadProgress,
} from '../src/index.js';
import { useUploadEmulator } from './helpers/upload-emulator.js';
import { md5Hex, patternBytes, tempFiles } from './helpers/upload-files.js';

const CHUNK = 64 * 1024;
const SIZE = 2 * CHUNK + CHUNK / 2;
const bytes = patternBytes(SIZE);
const files = await tempFiles();
const uploads = useUploadEmulator(files);
let path: string;

beforeAll(async () => {
  path = await files.write('video.bin', bytes);
});

const fastRetry = { initialDelay: 0.01, maxDelay: 0.05 };
const client = (extra: Partial<ConstructorParameters<typeof CoreClient>[0]> = {}) =>
  new CoreClient({
    baseUrl: uploads.emulator.backendUrl,
    accessToken: uploads.emulator.tokens.accessToken,
    retry: fastRetry,
    ...extra,
  });

/** Requests of one kind the emulator has served since `before` (ids folded into `{id}`). */
function served(before: Record<string, number>, key: string): number {
  return (uploads.emulator.stats().requests[key] ?? 0) - (before[key] ?? 0);
}
const PUT_NEW = 'backend PUT /chunked_upload/';
const PUT = 'backend PUT /chunked_upload/{id}/';
const GET = 'backend GET /chunked_upload/{id}/';
const POST = 'backend POST /chunked_upload/{id}/';

async function upload(
  options: ChunkedUploadOptions = {},
  file: Parameters<CoreClient['createChunkedUpload']>[0] = path,
) {
  const progress: UploadProgress[] = [];
  const urls: string[] = [];
  const result = await client().createChunkedUpload(file, {
    chunkSize: CHUNK,
    onProgress: (p) => progress.push(p),
    onUploadUrl: (url) => urls.push(url),
    ...options,
  });
  return { result, progress, urls };
}

/** Starts an upload and aborts it once the server has created it; resolves to the upload's URL and the error. */
async function interruptedUpload(): Promise<{ uploadUrl: string; error: unknown }> {
  const controller = new AbortController();
  let uploadUrl = '';
  const error = await upload({
    signal: controller.signal,
    onUploadUrl: (url) => {
      uploadUrl = url;
      controller.abort();
    },
  }).catch((e: unknown) => e);
  return { uploadUrl, error };
}

function expectComplete(result: Record<string, unknown>) {
  expect(result).toMatchObject({
    status: 'complete',
    md5: md5Hex(bytes),
    offset: SIZE,
    filename: 'video.bin',
  });
  expect(result.url).toBe(`${uploads.emulator.backendUrl}/chunked_upload/${result.id}/`);
}

describe('createChunkedUpload against the emulator', () => {
  it('uploads 2½ chunks and reports monotonic progress that ends at the total', async () => {
    const before = uploads.emulator.stats().requests;
    const { result, progress, urls } = await upload();
    expectComplete(result);
    expect(progress).toEqual([0, CHUNK, 2 * CHUNK, SIZE].map((loaded) => ({ loaded, total: SIZE })));
    expect(urls).toEqual([result.url]);
    expect([served(before, PUT_NEW), served(before, PUT), served(before, GET), served(before, POST)]).toEqual(
      [1, 2, 0, 1],
    );
  });

  it('retries a chunk that failed with 503, from the server offset', async () => {
    const before = uploads.emulator.stats().requests;
    const { result, progress } = await upload({
      onUploadUrl: (url) => {
        uploads.emulator.faults.add({ path: new URL(url).pathname, method: 'PUT', status: 503, times: 1 });
      },
    });
    expectComplete(result);
    expect(progress.map((p) => p.loaded)).toEqual([0, CHUNK, 2 * CHUNK, SIZE]);
    expect([served(before, PUT_NEW), served(before, PUT), served(before, GET)]).toEqual([1, 3, 1]);
  });

  it.each([
    ['before the server reads it', 'request' as const],
    ['after the server stored it (the reply is lost)', 'response' as const],
  ])('re-syncs from the server offset when the connection drops %s', async (_, drop) => {
    const before = uploads.emulator.stats().requests;
    const { result, progress } = await upload({
      onUploadUrl: (url) => {
        uploads.emulator.faults.add({ path: new URL(url).pathname, method: 'PUT', drop, times: 1 });
      },
    });
    expectComplete(result);
    const loaded = progress.map((p) => p.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(loaded.at(-1)).toBe(SIZE);
    expect(served(before, GET)).toBe(1);
    // A chunk the server kept is not sent again.
    expect(served(before, PUT)).toBe(drop === 'request' ? 3 : 2);
  });

  it('continues from expected_offset after a 400 Offsets do not match, without asking', async () => {
    let puts = 0;
    const racing = client({
      fetch: async (input, init) => {
        // Another writer appends the second chunk just before this client sends it.
        if (init?.method === 'PUT' && puts++ === 1) {
          const form = new FormData();
          form.append('filename', 'video.bin');
          form.append('file', new Blob([bytes.slice(CHUNK, 2 * CHUNK)]), 'file');
          const reply = await fetch(String(input), {
            method: 'PUT',
            body: form,
            headers: {
              'Synapse-Access-Token': `Token ${uploads.emulator.tokens.accessToken}`,
              'Content-Range': `bytes ${CHUNK}-${2 * CHUNK - 1}/${SIZE}`,
            },
          });
          expect(reply.status).toBe(200);
        }
        return fetch(input, init);
      },
    });
    const before = uploads.emulator.stats().requests;
    const result = await racing.createChunkedUpload(path, { chunkSize: CHUNK });
    expectComplete(result);
    // The client's own PUTs: the first, the rejected second, then the third from the server's offset.
    expect([served(before, PUT_NEW), served(before, PUT) - 1, served(before, GET)]).toEqual([1, 2, 0]);
  });

  it('resumes with resumeUrl from a fresh call, after an abort left the upload half done', async () => {
    const { uploadUrl, error: first } = await interruptedUpload();
    expect(first).toBeInstanceOf(AbortError);
    const state = await fetch(uploadUrl, {
      headers: { 'Synapse-Access-Token': `Token ${uploads.emulator.tokens.accessToken}` },
    }).then((r) => r.json());
    expect(state).toMatchObject({ offset: CHUNK, status: 'uploading' });

    const before = uploads.emulator.stats().requests;
    const { result, progress, urls } = await upload({ resumeUrl: uploadUrl });
    expectComplete(result);
    expect(result.url).toBe(uploadUrl);
    expect(urls).toEqual([]);
    expect(progress.map((p) => p.loaded)).toEqual([CHUNK, 2 * CHUNK, SIZE]);
    expect([served(before, PUT_NEW), served(before, PUT), served(before, GET)]).toEqual([0, 2, 1]);
  });

  it('resumes a one-shot stream: the bytes the server has are read, hashed and skipped', async () => {
    const { uploadUrl } = await interruptedUpload();
    const stream = Readable.from([bytes.slice(0, 1000), bytes.slice(1000)]);
    const { result } = await upload({ resumeUrl: uploadUrl, size: SIZE, filename: 'video.bin' }, stream);
    expectComplete(result);
  });

  it('a checksum mismatch at completion is an error, never a success', async () => {
    const { uploadUrl } = await interruptedUpload();
    // The file changed under the server's first chunk before the upload was resumed.
    const changed = bytes.slice();
    changed[10] = (changed[10] as number) ^ 0xff;
    const error = await client()
      .createChunkedUpload(changed, { chunkSize: CHUNK, resumeUrl: uploadUrl })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).body).toEqual({ detail: 'checksum does not match' });
  });

  it('abort stops a chunk in flight and leaves a resumable upload', async () => {
    const controller = new AbortController();
    let uploadUrl = '';
    const error = await upload({
      signal: controller.signal,
      onUploadUrl: (url) => {
        uploadUrl = url;
        uploads.emulator.faults.add({
          path: new URL(url).pathname,
          method: 'PUT',
          latencyMs: 60_000,
          times: 1,
        });
      },
      onProgress: (p) => {
        if (p.loaded === CHUNK) setTimeout(() => controller.abort(), 50);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    uploads.emulator.faults.clear();
    const { result } = await upload({ resumeUrl: uploadUrl });
    expectComplete(result);
  });

  it('a chunk that makes no progress times out and is sent again', async () => {
    const { result } = await upload({
      timeout: { connect: 5, read: 0.3 },
      onUploadUrl: (url) => {
        uploads.emulator.faults.add({
          path: new URL(url).pathname,
          method: 'PUT',
          latencyMs: 5_000,
          times: 1,
        });
      },
    });
    expectComplete(result);
  });
});
