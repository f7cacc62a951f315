import { ProtocolError, TimeoutError } from '../errors.js';
import { createIdleTimer } from '../idle-timer.js';
import { chunkForm, type Md5Tracker } from './form-body.js';
import type { Requester, UploadSettings } from './options.js';
import type { UploadSource } from './source.js';

/**
 * What the server says after a chunk or when asked: where the upload lives and how many bytes it holds, with the
 * rest of the reply as sent (`id`, `status`, `md5`, …), so a state found complete is the completing reply.
 */
export interface UploadState {
  url: string;
  offset: number;
  id?: unknown;
  status?: unknown;
  md5?: unknown;
  [key: string]: unknown;
}

/** Whether `value` is an offset within a file of `size` bytes: a whole number from 0 to `size`. */
export function isOffsetIn(value: unknown, size: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= size;
}

/** Checks a chunk or state reply (Python raises `KeyError` on a missing `url`/`offset`). */
export function readState(reply: unknown, what: string, size: number): UploadState {
  const state = reply as Partial<UploadState> | null;
  const offset = state?.offset;
  if (typeof state?.url !== 'string' || !Number.isSafeInteger(offset)) {
    throw new ProtocolError(`The ${what} reply has no url/offset`, { body: reply });
  }
  if (!isOffsetIn(offset, size)) {
    throw new ProtocolError(`The ${what} reply's offset ${offset} is outside the file (${size} bytes)`, {
      body: reply,
    });
  }
  return { ...state, url: state.url, offset };
}

export interface ChunkPut {
  request: Requester;
  settings: UploadSettings;
  source: UploadSource;
  md5: Md5Tracker;
  /** The caller's options for every request. */
  call: {
    signal?: AbortSignal;
    headers?: Record<string, string>;
    timeout?: { connect?: number; read?: number };
  };
}

/**
 * One chunk PUT: the form is streamed from the source, hashing each piece on the way. Instead of a deadline on
 * the whole exchange (a 50 MiB chunk on a slow uplink takes minutes), the read timeout bounds each wait for the
 * socket to take more bytes, and then the wait for the reply, as Python's socket timeouts do.
 */
export async function putChunk(put: ChunkPut, url: string, start: number, end: number): Promise<UploadState> {
  const { request, settings, source, md5, call } = put;
  const connect = call.timeout?.connect ?? settings.timeout.connect;
  const read = call.timeout?.read ?? settings.timeout.read;
  const watchdog = new AbortController();
  const stalled = () => watchdog.abort();
  // Until the first bytes are taken, the connection counts too; after that, each wait on the socket.
  const connecting = createIdleTimer(connect + read, stalled);
  const moving = createIdleTimer(read, stalled);
  let at = start;
  const form = chunkForm(
    source.filename,
    end - start,
    source.read(start, end),
    (piece) => {
      md5.feed(at, piece);
      at += piece.byteLength;
    },
    () => {
      connecting.stop();
      moving.start();
    },
  );
  connecting.start();
  try {
    const reply = await request<unknown>('PUT', url, {
      signal: call.signal ? AbortSignal.any([call.signal, watchdog.signal]) : watchdog.signal,
      // The watchdog above is the timeout; the pipeline's overall deadline (here a day) must not cut a slow chunk
      // short.
      timeout: { connect, read: 86_400 },
      maxRetries: 0,
      rawBody: form.body,
      headers: {
        ...call.headers,
        ...form.headers,
        'Content-Range': `bytes ${start}-${end - 1}/${source.size}`,
      },
    });
    return readState(reply, 'chunk', source.size);
  } catch (error) {
    // A local input problem breaks the body, which fetch reports as a network failure: it is not one.
    const failure = form.failure();
    if (failure) throw failure;
    if ((connecting.fired || moving.fired) && !call.signal?.aborted) {
      const reason = `Backend read timeout (>${read}s)`;
      throw new TimeoutError(`${reason}: PUT ${url} made no progress`, {
        reason,
        phase: 'read',
        method: 'PUT',
        url,
        cause: error,
      });
    }
    throw error;
  } finally {
    connecting.stop();
    moving.stop();
  }
}
