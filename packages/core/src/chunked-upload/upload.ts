import { AbortError, isAbortError, isClientError, ProtocolError, ValidationError } from '../errors.js';
import type { FileSource } from '../file-sources.js';
import { type FileInput, openFile } from '../files.js';
import { multipartForm } from '../form.js';
import { retryDelay, sleep } from '../retry.js';
import { complete, completed, verifiedComplete } from './complete.js';
import { Md5Tracker } from './md5.js';
import {
  type ChunkedUploadOptions,
  type ChunkedUploadResult,
  checkOptions,
  type Requester,
  type UploadSettings,
} from './options.js';
import { type ChunkPut, isOffsetIn, putChunk, readState, type UploadState } from './put.js';
import { StallWatch } from './stall.js';

/** Statuses after which the same chunk may succeed: the server was busy, overloaded or failed. */
const RETRY_STATUSES = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

/**
 * The server's offset from a 400 `Offsets do not match` reply, if that is what the error is. An offset outside
 * the file is not one to go on from: the reply is then an error like any other 400.
 */
function expectedOffset(error: unknown, size: number): number | undefined {
  if (!isClientError(error) || error.status !== 400) return undefined;
  const offset = (error.body as { expected_offset?: unknown } | undefined)?.expected_offset;
  return isOffsetIn(offset, size) ? offset : undefined;
}

function isRetryableFailure(error: unknown, size: number): boolean {
  if (!isClientError(error) || error instanceof ProtocolError) return false;
  return RETRY_STATUSES.has(error.status) || expectedOffset(error, size) !== undefined;
}

/** A `resumeUrl` must be an upload of this client's server: the upload's requests carry its credentials. */
function assertOwnUpload(resumeUrl: string, settings: UploadSettings): void {
  const url = new URL(resumeUrl);
  if (settings.origins.trusts(url)) return;
  throw new ValidationError(
    `resumeUrl is on ${url.origin}, not on this client's ${settings.origins.origin}; ` +
      'list that origin in trustedOrigins if the upload really lives there',
    { argument: 'resumeUrl' },
  );
}

/** Throws once the caller's signal has fired. */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError('The upload was aborted', { cause: signal.reason });
}

/** Hashes the bytes before `offset` that were never read (the server got them in an earlier run). */
async function catchUp(source: FileSource, md5: Md5Tracker, offset: number, signal?: AbortSignal) {
  let at = md5.position;
  for await (const piece of source.read(at, offset)) {
    checkAborted(signal);
    await md5.feed(at, piece);
    at += piece.byteLength;
  }
}

/**
 * The Synapse chunked upload (Python `create_chunked_upload`), streamed and resumable: PUT each chunk with
 * `Content-Range`, retry a failed chunk from the server's offset, then POST the whole file's MD5. The file is
 * read once, front to back, each piece hashed on its way to the socket.
 */
export async function runChunkedUpload(
  request: Requester,
  settings: UploadSettings,
  file: FileInput,
  options: ChunkedUploadOptions = {},
): Promise<ChunkedUploadResult> {
  const chunkSize = checkOptions(options);
  if (options.resumeUrl !== undefined) assertOwnUpload(options.resumeUrl, settings);
  const source = await openFile(file, {
    argument: 'file',
    filename: options.filename,
    size: options.size,
    requireSize: true,
  });
  let md5: Md5Tracker | undefined;
  try {
    md5 = await Md5Tracker.create(source.size);
    return await upload(request, settings, source, md5, chunkSize, options);
  } finally {
    md5?.close();
    await source.close().catch(() => undefined);
  }
}

async function upload(
  request: Requester,
  settings: UploadSettings,
  source: FileSource,
  md5: Md5Tracker,
  chunkSize: number,
  options: ChunkedUploadOptions,
): Promise<ChunkedUploadResult> {
  const { signal, timeout, headers } = options;
  const call = { signal, timeout, headers };
  const maxRetries = options.maxRetries ?? settings.maxRetries;
  const size = source.size;

  let reported = -1;
  const progress = (loaded: number) => {
    if (loaded <= reported) return;
    reported = loaded;
    options.onProgress?.({ loaded, total: size });
  };

  if (size === 0) {
    // A stream given as empty must end at once: its first read checks that.
    await source.read(0, 0).next();
    // The Python client would POST a bare md5 to `chunked_upload/`; the whole-file form is the valid request.
    const form = await multipartForm(
      { filename: source.filename, md5: await md5.digest() },
      { file: { content: new Uint8Array(0), filename: 'file' } },
    );
    const reply = await request<unknown>('POST', settings.newUploadUrl, call, { form });
    progress(0);
    return completed(reply);
  }

  const state = (url: string) => request<unknown>('GET', url, call).then((r) => readState(r, 'upload', size));
  let url: string | undefined = options.resumeUrl;
  let offset = 0;
  if (url) {
    const current = await state(url);
    offset = current.offset;
    source.release(offset);
    if (current.status === 'complete') {
      await catchUp(source, md5, size, signal);
      const done = verifiedComplete(current, url, size, await md5.digest(), 'other');
      progress(size);
      return done;
    }
  }
  progress(offset);

  const put: ChunkPut = { request, source, md5, call };
  const stall = new StallWatch(offset);
  let failures = 0;
  while (offset < size) {
    checkAborted(signal);
    await catchUp(source, md5, offset, signal);
    const end = Math.min(offset + chunkSize, size);
    let reply: UploadState | undefined;
    try {
      reply = await putChunk(put, url ?? settings.newUploadUrl, offset, end);
    } catch (error) {
      // An abort ends the upload; the request's own AbortError says which request it stopped.
      if (isAbortError(error)) throw error;
      checkAborted(signal);
      if (!isRetryableFailure(error, size) || failures >= maxRetries) throw error;
      const retry = failures++;
      const retryAfter = (error as { retryAfter?: number }).retryAfter;
      await sleep(retryDelay(retry, settings.retry, retryAfter), signal);
      // Where to go on: the server's word, never a guess (a dropped chunk may have been kept in part or whole).
      if (url) {
        const resynced = expectedOffset(error, size) ?? (await state(url)).offset;
        // Found where the failed chunk began, the server simply did not take it: `maxRetries` bounds that.
        if (resynced !== offset) stall.note(resynced, url);
        offset = resynced;
      }
    }
    if (reply) {
      // The upload's URL as the server wrote it may name an internal host or http:// behind a proxy.
      const next = settings.origins.follow(reply.url);
      if (!url) options.onUploadUrl?.(next);
      url = next;
      offset = reply.offset;
      failures = 0;
      stall.note(offset, url);
    }
    source.release(offset);
    progress(offset);
  }

  await catchUp(source, md5, size, signal);
  const done = await complete({
    request,
    settings,
    call,
    maxRetries,
    url: url as string,
    size,
    digest: await md5.digest(),
    state: () => state(url as string),
  });
  progress(size);
  return done;
}

export {
  type ChunkedUploadOptions,
  type ChunkedUploadResult,
  DEFAULT_CHUNK_SIZE,
  type UploadProgress,
} from './options.js';
