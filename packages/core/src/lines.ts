import { classifyFailure, type TransportFailure } from './transport.js';

export interface LineReadOptions {
  signal?: AbortSignal;
  /** Seconds to wait for the next bytes before giving up. */
  idleTimeout: number;
  /** Maps a broken stream to the error to throw. */
  toError: (failure: TransportFailure) => Error;
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
  yield* splitLines(readText(body, options), options.keepEmpty);
}

/** The decoded text of a body as it arrives, each wait bounded by the idle timeout. */
async function* readText(body: ReadableStream<Uint8Array>, options: LineReadOptions): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      void reader.cancel().catch(() => {});
    }, options.idleTimeout * 1000);
  };
  const onAbort = () => void reader.cancel().catch(() => {});
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    arm();
    while (true) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw options.toError(failureOf(error, timedOut, options.signal));
      }
      if (chunk.done) {
        if (timedOut || options.signal?.aborted)
          throw options.toError(failureOf(undefined, timedOut, options.signal));
        break;
      }
      arm();
      yield decoder.decode(chunk.value, { stream: true });
    }
    yield decoder.decode();
    finished = true;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function failureOf(error: unknown, timedOut: boolean, signal: AbortSignal | undefined): TransportFailure {
  if (timedOut) return { kind: 'timeout', phase: 'read', sent: true, cause: error };
  if (signal?.aborted) return { kind: 'aborted', sent: true, cause: signal.reason };
  const failure = classifyFailure(error);
  return failure.kind === 'other' ? { ...failure, kind: 'connection' } : failure;
}
