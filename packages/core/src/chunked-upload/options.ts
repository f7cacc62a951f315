import { ValidationError } from '../errors.js';
import { assertHeaders } from '../headers.js';
import { checkTimeout, type RetryDelayOptions } from '../options.js';
import type { OriginPolicy } from '../origins.js';
import type { CallOptions, RequestInternals } from '../request.js';

/** 50 MiB, as in the Python client. */
export const DEFAULT_CHUNK_SIZE = 50 * 1024 * 1024;

/** How far a chunked upload has got, as `onProgress` reports it. */
export interface UploadProgress {
  /** Bytes the server has accepted. Never goes down; the last report has `loaded === total`. */
  loaded: number;
  total: number;
}

/** Options of `createChunkedUpload`: chunk size, progress, resuming, retries, and the call's own options. */
export interface ChunkedUploadOptions extends Pick<CallOptions, 'signal' | 'timeout' | 'headers'> {
  /** Bytes per PUT. Default 50 MiB. */
  chunkSize?: number;
  /** Called with what the server holds: once at the start, after each accepted chunk, and at completion. */
  onProgress?: (progress: UploadProgress) => void;
  /**
   * Called once the server has accepted the first chunk: keep the URL to resume after a crash. It is the upload
   * this call goes on with. If the first chunk's reply is lost (a dropped connection, a timeout, a 5xx after the
   * server stored it), the chunk is sent again and creates a second upload; the first, holding at most one chunk,
   * is never reported here and stays on the server, unused, until the server expires it. The client does not
   * look for it among your uploads: nothing in them says which call created one, and taking one by filename
   * could take a concurrent upload of another file with the same name.
   */
  onUploadUrl?: (url: string) => void;
  /**
   * Resume an upload begun earlier (its URL, from `onUploadUrl`): the server's offset is read first. An upload
   * already complete is returned if the server reports the file's MD5; another MD5, or none, is an error.
   */
  resumeUrl?: string;
  /** Retries of a failed chunk, with backoff and a re-sync from the server's offset. Default: the client's. */
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

/** How the upload reaches the client's request pipeline. */
export type Requester = <T>(
  method: string,
  path: string,
  call: CallOptions,
  internal?: RequestInternals<T>,
) => Promise<T>;

/** The client's settings the upload follows. */
export interface UploadSettings {
  maxRetries: number;
  retry: Required<RetryDelayOptions>;
  /** Where the upload's requests may go: URLs the server hands back are followed on the client's own origin. */
  origins: OriginPolicy;
  /** The absolute URL of `chunked_upload/`, where a new upload begins. */
  newUploadUrl: string;
}

/** Checks the options before any I/O and returns the chunk size. */
export function checkOptions(options: ChunkedUploadOptions): number {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('options must be an object', { argument: 'options' });
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
    throw new ValidationError('chunkSize must be a whole number of bytes ≥ 1', { argument: 'chunkSize' });
  }
  for (const name of ['onProgress', 'onUploadUrl'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new ValidationError(`${name} must be a function`, { argument: name });
    }
  }
  if (options.resumeUrl !== undefined && !/^https?:\/\/[^/]/.test(String(options.resumeUrl))) {
    throw new ValidationError('resumeUrl must be the absolute upload URL reported by onUploadUrl', {
      argument: 'resumeUrl',
    });
  }
  checkTimeout(options.timeout, 'timeout');
  if (options.headers !== undefined) assertHeaders(options.headers, 'headers');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new ValidationError('signal must be an AbortSignal', { argument: 'signal' });
  }
  if (options.maxRetries !== undefined && (!Number.isInteger(options.maxRetries) || options.maxRetries < 0)) {
    throw new ValidationError('maxRetries must be a whole number ≥ 0', { argument: 'maxRetries' });
  }
  return chunkSize;
}
