import { ClientError, isAbortError, isClientError, ProtocolError } from '../errors.js';
import { retryDelay, sleep } from '../retry.js';
import type { ChunkedUploadResult, Requester, UploadSettings } from './options.js';
import type { ChunkPut, UploadState } from './put.js';

/** The server's reply to a completing POST that arrives again after an earlier one completed the upload. */
const ALREADY_COMPLETE = 'Upload has already been marked as "complete"';

/** The completing reply (or an upload state found complete) as the result: it must name the upload. */
export function completed(reply: unknown): ChunkedUploadResult {
  const id = (reply as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new ProtocolError('The completing reply has no id', { body: reply });
  }
  return reply as ChunkedUploadResult;
}

/**
 * Who completed an upload found complete: `own` when it was this client's completing POST whose reply was lost,
 * `other` when a `resumeUrl` named an upload some earlier run completed.
 */
export type CompletedBy = 'own' | 'other';

/**
 * An upload the server reports complete, as the result, when it holds this file: the same length and MD5.
 * Anything else is a checksum error, never a success.
 */
export function verifiedComplete(
  state: UploadState,
  url: string,
  size: number,
  digest: string,
  by: CompletedBy,
): ChunkedUploadResult {
  const { md5 } = state;
  if (md5 === undefined || md5 === null) {
    // The server checks the MD5 before it completes an upload, and only our POST carried one for these bytes.
    if (by === 'own' && state.offset === size) return completed(state);
    if (by === 'other') {
      throw new ClientError(
        400,
        `The upload at ${url} is already complete, but the server does not report its checksum: ` +
          'its content cannot be verified against this file',
        { body: state, reason: 'checksum not reported', url },
      );
    }
  }
  if (state.offset !== size || typeof md5 !== 'string' || md5.toLowerCase() !== digest) {
    throw new ClientError(400, `The upload at ${url} is already complete with other content`, {
      body: state,
      reason: 'checksum does not match',
      url,
    });
  }
  return completed(state);
}

/**
 * Failures of the completing POST after which the upload may or may not be complete: the reply was lost (a
 * connection error or a timeout), the server failed or was busy, or a repeated POST found it already complete.
 */
function outcomeUnknown(error: unknown): error is ClientError {
  if (!isClientError(error) || error instanceof ProtocolError) return false;
  if (error.status === 408 || error.status === 409 || error.status >= 500) return true;
  const detail = (error.body as { detail?: unknown } | null | undefined)?.detail;
  return error.status === 400 && detail === ALREADY_COMPLETE;
}

export interface Completion {
  request: Requester;
  settings: UploadSettings;
  call: ChunkPut['call'];
  maxRetries: number;
  url: string;
  size: number;
  digest: string;
  /** Reads the upload's state (`GET <url>`). */
  state: () => Promise<UploadState>;
}

/**
 * POSTs the MD5. When the outcome is unknown, the upload's state decides: complete with this file is the
 * result; complete with other content is a checksum error; still open with every byte is completed again (with
 * backoff, up to `maxRetries` times); anything else rethrows the POST's error.
 */
export async function complete(job: Completion): Promise<ChunkedUploadResult> {
  const { request, settings, call, url, size, digest } = job;
  for (let attempt = 0; ; attempt++) {
    let failure: ClientError;
    try {
      return completed(await request<unknown>('POST', url, call, { data: { md5: digest } }));
    } catch (error) {
      if (isAbortError(error) || !outcomeUnknown(error)) throw error;
      failure = error;
    }
    const current = await job.state().catch((error: unknown) => {
      if (isAbortError(error)) throw error;
      return undefined;
    });
    if (current?.status === 'complete') return verifiedComplete(current, url, size, digest, 'own');
    if (current?.offset !== size || attempt >= job.maxRetries) throw failure;
    const retryAfter = (failure as { retryAfter?: number }).retryAfter;
    await sleep(retryDelay(attempt, settings.retry, retryAfter), call.signal);
  }
}
