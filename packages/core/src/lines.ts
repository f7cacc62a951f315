import { createIdleTimer } from './idle-timer.js';
import { classifyFailure, type TransportFailure } from './transport.js';

export interface ChunkReadOptions {
  signal?: AbortSignal;
  /** Seconds to wait for the next bytes from the server before giving up; time the consumer takes is not counted. */
  idleTimeout: number;
  /** Maps a broken stream to the error to throw. */
  toError: (failure: TransportFailure) => Error;
}

export interface LineReadOptions extends ChunkReadOptions {
  /** Keep empty lines (default: skipped, as the Python clients do). */
  keepEmpty?: boolean;
}

/** Splits text chunks into lines (without their `\n` or `\r\n`); a line may span chunks. */
export async function* splitLines(chunks: AsyncIterable<string>, keepEmpty = false): AsyncGenerator<string> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line !== '' || keepEmpty) yield line;
      newline = buffer.indexOf('\n');
    }
  }
  if (buffer !== '') yield buffer.replace(/\r$/, '');
}

/**
 * The lines of a streamed response body (without their `\n`), read as they arrive. The body is always released,
 * when the stream ends, fails, is aborted, or the consumer stops early.
 */
export async function* readLines(response: Response, options: LineReadOptions): AsyncGenerator<string> {
  const body = response.body;
  if (!body) return;
  yield* splitLines(decodeText(readChunks(body, options)), options.keepEmpty);
}

/** UTF-8 text of byte chunks; a character may span chunks. */
async function* decodeText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/**
 * The chunks of a body as they arrive. The idle timeout bounds each wait for the server, and only that: the timer
 * is stopped while the consumer holds a chunk, so a slow consumer never causes a timeout. The reader is always
 * cancelled (unless the body ended) and released: at the end, on error, on abort, and when the consumer stops.
 */
export async function* readChunks(
  body: ReadableStream<Uint8Array>,
  options: ChunkReadOptions,
): AsyncGenerator<Uint8Array> {
  const { signal, toError } = options;
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  const idle = createIdleTimer(options.idleTimeout, cancel);
  signal?.addEventListener('abort', cancel);
  try {
    while (true) {
      if (signal?.aborted) throw toError(failureOf(undefined, false, signal));
      let chunk: ReadableStreamReadResult<Uint8Array>;
      idle.start();
      try {
        chunk = await reader.read();
      } catch (error) {
        throw toError(failureOf(error, idle.fired, signal));
      } finally {
        idle.stop();
      }
      if (chunk.done) {
        // A timeout or an abort cancels the reader, which ends a pending read as if the body had ended.
        if (idle.fired || signal?.aborted) throw toError(failureOf(undefined, idle.fired, signal));
        return;
      }
      yield chunk.value;
    }
  } finally {
    idle.stop();
    signal?.removeEventListener('abort', cancel);
    // Cancelling a body that has ended does nothing; one that has not is left unread.
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function failureOf(error: unknown, timedOut: boolean, signal: AbortSignal | undefined): TransportFailure {
  if (timedOut) return { kind: 'timeout', phase: 'read', sent: true, cause: error };
  if (signal?.aborted) return { kind: 'aborted', sent: true, cause: signal.reason };
  const failure = classifyFailure(error);
  return failure.kind === 'other' ? { ...failure, kind: 'connection' } : failure;
}
