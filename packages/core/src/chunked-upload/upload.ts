import { AbortError, ClientError, isAbortError, isClientError, ValidationError } from '../errors.js';
import type { FileInput } from '../files.js';
import type { RetryDelayOptions } from '../options.js';
import type { CallOptions, RequestOptions } from '../request.js';
import { retryDelay, sleep } from '../retry.js';
import { openUploadSource, type UploadSource } from './source.js';

/** 50 MiB, as in the Python client. */
export const DEFAULT_CHUNK_SIZE = 50 * 1024 * 1024;
const MIN_CHUNK_SIZE = 1;

export interface UploadProgress {
  /** Bytes the server has accepted. Never goes down. */
  loaded: number;
  total: number;
}

export interface ChunkedUploadOptions extends Pick<CallOptions, 'signal' | 'timeout' | 'headers'> {
  /** Bytes per PUT. Default 50 MiB. */
  chunkSize?: number;
  /** Called after each accepted chunk (and once at the start with what the server already has). */
  onProgress?: (progress: UploadProgress) => void;
  /** Called once the server has created the upload: keep the URL to resume after a crash. */
  onUploadUrl?: (url: string) => void;
  /** Resume an upload begun earlier (its URL, from `onUploadUrl`): the server's offset is read first. */
  resumeUrl?: string;
  /** Retries per chunk, with backoff and a re-sync from the server's offset. Default: the client's maxRetries. */
  maxRetries?: number;
  /** Required for a stream input: its length in bytes. */
  size?: number;
  /** The `filename` form field. Default: the path's base name, the File's name, else `file`. */
  filename?: string;
}

/** The completing reply; `id` is what `data_files/` and `models/` take. */
export interface ChunkedUploadResult {
  id: string | number;
  [key: string]: unknown;
}

interface UploadReply {
  url?: unknown;
  offset?: unknown;
}

export type Requester = <T>(
  method: string,
  path: string,
  options: RequestOptions<T> & { trailingSlash?: boolean },
) => Promise<T>;

export interface UploadSettings {
  maxRetries: number;
  retry: Required<RetryDelayOptions>;
}

function checkOptions(options: ChunkedUploadOptions): number {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE) {
    throw new ValidationError('chunkSize must be a whole number of bytes ≥ 1', { argument: 'chunkSize' });
  }
  for (const name of ['onProgress', 'onUploadUrl'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new ValidationError(`${name} must be a function`, { argument: name });
    }
  }
  if (options.resumeUrl !== undefined && !/^https?:\/\//.test(String(options.resumeUrl))) {
    throw new ValidationError('resumeUrl must be the absolute upload URL reported by onUploadUrl', {
      argument: 'resumeUrl',
    });
  }
  if (options.maxRetries !== undefined && (!Number.isInteger(options.maxRetries) || options.maxRetries < 0)) {
    throw new ValidationError('maxRetries must be a whole number ≥ 0', { argument: 'maxRetries' });
  }
  return chunkSize;
}

function readReply(reply: UploadReply, what: string): { url: string; offset: number } {
  if (typeof reply?.url !== 'string' || typeof reply.offset !== 'number') {
    throw new ClientError(500, `The ${what} reply has no url/offset`, {
      body: reply,
      reason: 'Invalid reply',
    });
  }
  return { url: reply.url, offset: reply.offset };
}

/** The server's offset from a 400 `Offsets do not match` reply, if that is what the error is. */
function expectedOffset(error: unknown): number | undefined {
  if (!isClientError(error) || error.status !== 400) return undefined;
  const body = error.body as { expected_offset?: unknown } | undefined;
  return typeof body?.expected_offset === 'number' ? body.expected_offset : undefined;
}

/**
 * The Synapse chunked upload (Python `create_chunked_upload`), streamed and resumable: PUT each chunk with
 * `Content-Range`, re-sync from the server's offset after a failure, then POST the whole file's MD5. The MD5
 * pass runs beside the uploads, so a chunk is read from disk while the previous one is on the wire.
 */
export async function runChunkedUpload(
  request: Requester,
  settings: UploadSettings,
  file: FileInput,
  options: ChunkedUploadOptions = {},
): Promise<ChunkedUploadResult> {
  const chunkSize = checkOptions(options);
  const source = await openUploadSource(file, options);
  const { signal, timeout, headers } = options;
  const call = { signal, timeout, headers, maxRetries: 0 };
  const maxRetries = options.maxRetries ?? settings.maxRetries;
  const md5 = source.rereadable ? source.md5(signal) : undefined;
  md5?.catch(() => {}); // observed below; avoids an unhandled rejection if the upload fails first

  if (source.size === 0 && !options.resumeUrl) {
    return request<ChunkedUploadResult>('POST', 'chunked_upload/', {
      ...call,
      data: { filename: source.filename, md5: await source.md5(signal) },
      files: { file: { content: new Uint8Array(0), filename: source.filename } },
    });
  }

  let url: string | undefined = options.resumeUrl;
  let offset = 0;
  let reported = 0;
  const progress = (loaded: number) => {
    if (loaded < reported && loaded !== 0) return;
    reported = Math.max(reported, loaded);
    options.onProgress?.({ loaded: reported, total: source.size });
  };
  if (url) {
    offset = readReply(await request<UploadReply>('GET', url, call), 'resume').offset;
    if (!source.rereadable && offset !== 0) {
      throw new ValidationError('a one-shot stream cannot resume past byte 0; pass a path or Blob', {
        argument: 'file',
      });
    }
  }
  progress(offset);

  let failures = 0;
  while (offset < source.size) {
    if (signal?.aborted) throw new AbortError('The upload was aborted', { cause: signal.reason });
    const end = Math.min(offset + chunkSize, source.size);
    const chunk = await source.slice(offset, end);
    const form = {
      data: { filename: source.filename },
      files: { file: { content: chunk, filename: 'file' } },
    };
    try {
      const reply = await request<UploadReply>('PUT', url ?? 'chunked_upload/', {
        ...call,
        ...form,
        headers: { ...headers, 'Content-Range': `bytes ${offset}-${end - 1}/${source.size}` },
      });
      const next = readReply(reply, 'chunk');
      if (!url) options.onUploadUrl?.(next.url);
      url = next.url;
      offset = next.offset;
      failures = 0;
      progress(offset);
    } catch (error) {
      if (isAbortError(error) || failures >= maxRetries || !source.rereadable) throw error;
      failures++;
      await sleep(retryDelay(failures - 1, settings.retry, undefined), signal);
      // Before the server has named the upload there is nothing to re-sync: the first chunk is sent again.
      if (url) {
        offset =
          expectedOffset(error) ?? readReply(await request<UploadReply>('GET', url, call), 'resume').offset;
      }
    }
  }
  const digest = md5 ? await md5 : await source.md5(signal);
  return request<ChunkedUploadResult>('POST', url as string, { ...call, data: { md5: digest } });
}

export type { UploadSource };
