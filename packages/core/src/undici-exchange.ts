import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

/** A reply's status line and headers (each header a name in lower case and its value, in the order sent). */
export interface ReplyHead {
  status: number;
  statusText: string;
  headers: [string, string][];
}

/** A reply as the exchange hands it over: its body read whole, or still arriving. */
export type Reply = ReplyHead & ({ bytes: Uint8Array<ArrayBuffer> } | { stream: Readable });

export interface ExchangeOptions {
  dispatcher: Dispatcher;
  request: Dispatcher.DispatchOptions;
  signal: AbortSignal | undefined;
  /** Whether the body is read whole before the reply is handed over (else it streams). */
  readWhole(head: ReplyHead): boolean;
}

/** How many bytes of a streamed body are buffered before the socket is paused (undici.request's own figure). */
const STREAM_HIGH_WATER_MARK = 64 * 1024;

/** A header's value as `Headers.get` gives it: a repeated header's values joined by ", ". */
export function headerValue(headers: [string, string][], name: string): string | undefined {
  let value: string | undefined;
  for (const [key, item] of headers) {
    if (key === name) value = value === undefined ? item : `${value}, ${item}`;
  }
  return value;
}

/** Raw reply headers (name, value, name, value…; bytes or text) as pairs; bytes are read as Latin-1, as fetch does. */
function headerPairs(raw: readonly (Buffer | string | readonly (Buffer | string)[])[]): [string, string][] {
  const text = (item: Buffer | string) => (typeof item === 'string' ? item : item.toString('latin1'));
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = text(raw[i] as Buffer | string).toLowerCase();
    const value = raw[i + 1] as Buffer | string | readonly (Buffer | string)[];
    if (Array.isArray(value)) for (const item of value) pairs.push([name, text(item)]);
    else pairs.push([name, text(value as Buffer | string)]);
  }
  return pairs;
}

/**
 * One exchange through an undici dispatcher, as `undici.request` makes it but without the Node stream it puts
 * under every body: a body read whole is gathered as it comes, and only a streamed one gets a `Readable`, which
 * pauses the socket while its reader is behind. Settles with the reply once its headers came (and, read whole,
 * its body), or with the error: the dispatcher's (a refused connection, a timeout) or the signal's reason. An
 * abort after the headers, or an error of the exchange, ends the streamed body with that error; destroying the
 * stream aborts the exchange.
 *
 * It speaks the dispatcher protocol every undici dispatcher takes (`onConnect`, `onHeaders`, …): the global one
 * may be Node's own, made by the undici inside Node, which knows no other.
 */
export function exchange({ dispatcher, request, signal, readWhole }: ExchangeOptions): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    let abortExchange: ((reason: Error) => void) | undefined;
    let head: ReplyHead | undefined;
    let chunks: Buffer[] | undefined;
    let stream: Readable | undefined;
    let done = false;

    const onAbort = () => abortExchange?.(signal?.reason);
    const finish = () => {
      done = true;
      signal?.removeEventListener('abort', onAbort);
    };
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort);

    const handler: Dispatcher.DispatchHandler = {
      onConnect(abort) {
        abortExchange = abort;
        if (signal?.aborted) abort(signal.reason);
      },
      onHeaders(status, rawHeaders, resume, statusText) {
        // An informational reply (1xx) comes before the one that answers the request.
        if (status < 200) return true;
        head = { status, statusText, headers: headerPairs(rawHeaders) };
        if (readWhole(head)) {
          chunks = [];
          return true;
        }
        stream = streamedBody(resume, (error) => {
          if (!done) abortExchange?.(error);
        });
        resolve({ ...head, stream });
        return true;
      },
      onData(chunk) {
        if (chunks) {
          chunks.push(chunk);
          return true;
        }
        return stream?.push(chunk) ?? true;
      },
      onComplete() {
        finish();
        if (stream) stream.push(null);
        else if (head && chunks) resolve({ ...head, bytes: joined(chunks) });
      },
      onError(error) {
        finish();
        if (stream) stream.destroy(error);
        else reject(error);
      },
    };
    dispatcher.dispatch(request, handler);
  });
}

/** A streamed body: reading asks the socket for more, destroying it before its end aborts the exchange. */
function streamedBody(resume: () => void, abort: (error: Error) => void): Readable {
  return new Readable({
    highWaterMark: STREAM_HIGH_WATER_MARK,
    read: resume,
    destroy(error, callback) {
      abort(error ?? new Error('the response body was closed before its end'));
      callback(error);
    },
  });
}

/** The chunks in one array of their own (a chunk may be a view into a larger buffer, which must not be kept). */
function joined(chunks: Buffer[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
