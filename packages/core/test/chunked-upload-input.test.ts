import { openAsBlob, readdirSync, readlinkSync, truncateSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ChunkedUploadOptions, CoreClient, type FileInput, ValidationError } from '../src/index.js';
import { recordingFetch, type SentRequest } from './helpers/recording-fetch.js';
import { useUploadEmulator } from './helpers/upload-emulator.js';
import { patternBytes, tempFiles } from './helpers/upload-files.js';

const SIZE = 40;
const CHUNK = 16;
const bytes = patternBytes(64);
const files = await tempFiles();
const uploads = useUploadEmulator(files);

const auth = () => `Token ${uploads.emulator.tokens.accessToken}`;

/** Runs an upload that must fail; returns the error, what the client sent and the upload URL it was given. */
async function failingUpload(file: FileInput, options: ChunkedUploadOptions = {}) {
  const recorder = recordingFetch();
  const client = new CoreClient({
    baseUrl: uploads.emulator.backendUrl,
    accessToken: uploads.emulator.tokens.accessToken,
    retry: { initialDelay: 0.01, maxDelay: 0.05 },
    fetch: recorder.fetch,
  });
  let uploadUrl = '';
  const error = await client
    .createChunkedUpload(file, {
      chunkSize: CHUNK,
      onUploadUrl: (url) => {
        uploadUrl = url;
      },
      ...options,
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  return { error, sent: recorder.sent, summary: recorder.summary(), uploadUrl };
}

/** The PUTs of chunks [0, 16), [16, 32), … up to `count`, to `chunked_upload/` and then to the upload. */
function expectPuts(sent: SentRequest[], uploadUrl: string, count: number) {
  expect(sent).toHaveLength(count);
  sent.forEach((request, index) => {
    const start = index * CHUNK;
    const end = Math.min(start + CHUNK, SIZE) - 1;
    expect(request.method).toBe('PUT');
    expect(request.path).toBe(index === 0 ? '/chunked_upload/' : new URL(uploadUrl).pathname);
    expect(request.search).toBe('');
    expect(request.headers['synapse-access-token']).toBe(auth());
    expect(request.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
  });
}

/** What the server holds of the upload: the failed chunk must not have been kept. */
async function serverOffset(uploadUrl: string): Promise<number> {
  const reply = await fetch(uploadUrl, { headers: { 'Synapse-Access-Token': auth() } });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { offset: number }).offset;
}

function expectInputError(error: unknown, argument: string, message: string | RegExp) {
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).argument).toBe(argument);
  expect((error as ValidationError).message).toMatch(message);
}

/** A web stream of `pieces` that notes whether it was cancelled. */
function webStream(pieces: Uint8Array[]) {
  const queue = [...pieces];
  const state = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function expectWebStreamClosed(stream: ReadableStream<Uint8Array>) {
  expect(stream.locked).toBe(false);
  expect(await stream.getReader().read()).toEqual({ done: true, value: undefined });
}

/** File descriptors of this process open on `path` (Linux: /proc/self/fd). */
function descriptorsOn(path: string): string[] {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
}

const rest = bytes.slice(48);
const cases = [
  // The second piece runs past the size while the second chunk is sent.
  ['longer than its size, within a chunk', [bytes.slice(0, 24), bytes.slice(24, 48), rest], 2, 'longer'],
  // Exactly `size` bytes, then more: found after the last chunk's last byte, before the upload completes.
  [
    'longer than its size, after the last byte',
    [bytes.slice(0, SIZE), bytes.slice(SIZE, 48), rest],
    3,
    'longer',
  ],
  ['shorter than its size', [bytes.slice(0, 30)], 2, 'shorter'],
] as const;
const messages = {
  longer: 'the stream is longer than its given size (40 bytes)',
  shorter: 'the stream ended at byte 30, but its size was given as 40',
};

describe('a local input problem is a ValidationError at once, never retried', () => {
  it.each(cases)('a Node stream %s', async (_, pieces, puts, kind) => {
    const stream = Readable.from(pieces.map((piece) => Buffer.from(piece)));
    const { error, sent, uploadUrl } = await failingUpload({ content: stream, size: SIZE });
    expectInputError(error, 'size', messages[kind]);
    // The failing chunk was sent once: no retry, no re-sync, no completion.
    expectPuts(sent, uploadUrl, puts);
    expect(await serverOffset(uploadUrl)).toBe((puts - 1) * CHUNK);
    expect(stream.destroyed).toBe(true);
  });

  it.each(cases)('a web stream %s', async (_, pieces, puts, kind) => {
    const { stream, state } = webStream(pieces.map((piece) => piece.slice()));
    const { error, sent, uploadUrl } = await failingUpload({ content: stream, size: SIZE });
    expectInputError(error, 'size', messages[kind]);
    expectPuts(sent, uploadUrl, puts);
    expect(await serverOffset(uploadUrl)).toBe((puts - 1) * CHUNK);
    await expectWebStreamClosed(stream);
    // A stream that ended by itself needs no cancel; one with bytes left is cancelled.
    expect(state.cancelled).toBe(kind === 'longer');
  });

  it('a stream given as empty that has bytes is refused before any request', async () => {
    const { stream, state } = webStream([bytes.slice(0, 3), bytes.slice(3, 6), bytes.slice(6, 9)]);
    const { error, sent } = await failingUpload({ content: stream, size: 0 });
    expectInputError(error, 'size', 'the stream is longer than its given size (0 bytes)');
    expect(sent).toEqual([]);
    expect(state.cancelled).toBe(true);
  });

  it('a file that shrinks during the upload', async () => {
    const path = await files.write('shrinking.bin', bytes.slice(0, SIZE));
    const { error, sent, uploadUrl } = await failingUpload(path, {
      onProgress: ({ loaded }) => {
        if (loaded === CHUNK) truncateSync(path, 20);
      },
    });
    expectInputError(error, 'file', `file ${JSON.stringify(path)} shrank to 20 bytes while it was read`);
    expectPuts(sent, uploadUrl, 2);
    expect(await serverOffset(uploadUrl)).toBe(CHUNK);
    expect(descriptorsOn(path)).toEqual([]);
  });

  it('a file-backed Blob that shrinks during the upload', async () => {
    const path = await files.write('shrinking-blob.bin', bytes.slice(0, SIZE));
    const blob = await openAsBlob(path);
    const { error, sent, uploadUrl } = await failingUpload(blob, {
      onProgress: ({ loaded }) => {
        if (loaded === CHUNK) truncateSync(path, 20);
      },
    });
    expectInputError(error, 'file', /^file could not be read: /);
    expectPuts(sent, uploadUrl, 2);
    expect(await serverOffset(uploadUrl)).toBe(CHUNK);
  });
});
