import { ProtocolError } from '../errors.js';
import type { FileSource } from '../file-sources.js';
import { MultipartBody } from '../multipart.js';
import type { Md5Tracker } from './md5.js';
import type { Requester } from './options.js';

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
  source: FileSource;
  md5: Md5Tracker;
  /** The caller's options for every request. */
  call: {
    signal?: AbortSignal;
    headers?: Record<string, string>;
    timeout?: { connect?: number; read?: number };
  };
}

/** The bytes [start, end) of the source, each piece hashed on its way to the socket. */
async function* hashed(put: ChunkPut, start: number, end: number): AsyncGenerator<Uint8Array> {
  let at = start;
  for await (const piece of put.source.read(start, end)) {
    await put.md5.feed(at, piece);
    at += piece.byteLength;
    yield piece;
  }
}

/**
 * One chunk PUT: a form like any upload's (field `filename`, then the chunk as part `file` with filename `file`),
 * streamed from the source. As for every form, the read timeout bounds each wait for the socket to take more
 * bytes, then the wait for the reply, as Python's socket timeouts do: a 50 MiB chunk on a slow uplink may take
 * minutes.
 */
export async function putChunk(put: ChunkPut, url: string, start: number, end: number): Promise<UploadState> {
  const { request, source, call } = put;
  const form = new MultipartBody([
    ['filename', source.filename],
    ['file', { filename: 'file', size: end - start, bytes: () => hashed(put, start, end) }],
  ]);
  const headers = { ...call.headers, 'Content-Range': `bytes ${start}-${end - 1}/${source.size}` };
  const reply = await request<unknown>('PUT', url, { ...call, maxRetries: 0, headers }, { form });
  return readState(reply, 'chunk', source.size);
}
