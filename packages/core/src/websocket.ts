import { type ErrorContext, failureError, responseError } from './error-factories.js';
import type { AbortError, ClientError } from './errors.js';
import { createIdleTimer } from './idle-timer.js';
import { splitLines } from './lines.js';
import { classifyFailure, type TransportFailure } from './transport.js';

/** Why a WebSocket ended badly: a transport failure, or a handshake the server answered with an HTTP status. */
export type WebSocketFailure =
  | TransportFailure
  | { kind: 'status'; status: number; statusText: string; body: string; headers: Record<string, string> };

export interface WebSocketOptions {
  /** Handshake headers. In Node they are sent through `ws`; a browser `WebSocket` cannot send any. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Seconds for the opening handshake. Default 10. */
  connectTimeout?: number;
  /** Seconds to wait for the next message while none is queued; unset waits forever. */
  idleTimeout?: number;
  /** Maps a failure to the error to throw. */
  toError: (failure: WebSocketFailure) => Error;
  /** Messages buffered before the socket is paused (when the implementation can pause). Default 1000. */
  maxQueue?: number;
}

export interface WebSocketLineOptions extends WebSocketOptions {
  /** Keep empty lines (default: skipped). */
  keepEmpty?: boolean;
}

/** What the generator needs of a socket, whichever implementation opened it. */
interface SocketHandle {
  close(): void;
  /** Stops reading from the socket (a browser `WebSocket` cannot: there both are no-ops). */
  pause(): void;
  resume(): void;
}

interface SocketEvents {
  open(): void;
  message(text: string): void;
  closed(code: number, reason: string): void;
  failed(error: unknown): void;
  rejected(status: number, statusText: string, body: string, headers: Record<string, string>): void;
}

/** Close codes that end a stream normally: 1000 normal, 1001 going away, 1005 no status sent. */
const NORMAL_CLOSE = new Set([1000, 1001, 1005]);

/** The handle until a socket exists: there is nothing to close yet. */
const NO_SOCKET: SocketHandle = { close() {}, pause() {}, resume() {} };

async function openNodeSocket(url: string, headers: Record<string, string>, events: SocketEvents) {
  const { WebSocket } = await import('ws');
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  ws.on('open', () => events.open());
  ws.on('message', (data) => {
    const text = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    events.message(text.toString('utf8'));
  });
  ws.on('close', (code, reason) => events.closed(code, reason.toString('utf8')));
  ws.on('error', (error) => events.failed(error));
  ws.on('unexpected-response', (request, response) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      const headers = Object.entries(response.headers).map(([name, value]) => [
        name,
        [value].flat().join(', '),
      ]);
      // A response to a client request always has its status code and message.
      events.rejected(
        response.statusCode as number,
        response.statusMessage as string,
        Buffer.concat(chunks).toString('utf8'),
        Object.fromEntries(headers),
      );
      request.destroy();
    });
  });
  return {
    close: () => ws.terminate(),
    pause: () => ws.pause(),
    resume: () => ws.resume(),
  } satisfies SocketHandle;
}

function openBrowserSocket(url: string, events: SocketEvents): SocketHandle {
  const ws = new globalThis.WebSocket(url);
  ws.addEventListener('open', () => events.open());
  ws.addEventListener('message', (event: MessageEvent) => events.message(String(event.data)));
  ws.addEventListener('close', (event: CloseEvent) => events.closed(event.code, event.reason));
  ws.addEventListener('error', () => events.failed(new Error('WebSocket error')));
  return { close: () => ws.close(), pause() {}, resume() {} };
}

/**
 * The text messages of a WebSocket, as they arrive. Ends when the server closes normally; a handshake rejected
 * with an HTTP status, a refused or abnormally closed connection, a timeout or an abort become
 * `options.toError(failure)`. The socket is always closed: at the end, on error, and when the consumer stops.
 * Uses `ws` in Node, and the global `WebSocket` when one exists and no headers are needed.
 */
export async function* openWebSocket(url: string, options: WebSocketOptions): AsyncGenerator<string> {
  const signal = options.signal ?? new AbortController().signal;
  const maxQueue = options.maxQueue ?? 1000;
  const queue: string[] = [];
  // How the stream ends (without a failure: normally). The first end counts; the messages before it come first.
  let end: { failure?: WebSocketFailure } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => wake?.();
  let opened = false;
  let paused = false;
  let handle = NO_SOCKET;
  const finish = (failure?: WebSocketFailure) => {
    end ??= { failure };
    notify();
  };
  const timedOut = (phase: 'connect' | 'read') => () =>
    finish({ kind: 'timeout', phase, sent: phase === 'read', cause: undefined });
  const connecting = createIdleTimer(options.connectTimeout ?? 10, timedOut('connect'));
  // Runs only while the consumer waits on an empty queue: time it spends on a message is not the server's.
  const idle = createIdleTimer(options.idleTimeout, timedOut('read'));
  const events: SocketEvents = {
    open: () => {
      opened = true;
      connecting.stop();
      notify();
    },
    message: (text) => {
      queue.push(text);
      if (queue.length >= maxQueue) {
        paused = true;
        handle.pause();
      }
      notify();
    },
    closed: (code, reason) => {
      if (NORMAL_CLOSE.has(code)) finish();
      else {
        const detail = `WebSocket closed abnormally (${code}${reason ? ` ${reason}` : ''})`;
        finish({ kind: 'connection', sent: true, detail, cause: undefined });
      }
    },
    failed: (error) => {
      const failure = classifyFailure(error);
      finish(opened && failure.kind === 'other' ? { ...failure, kind: 'connection' } : failure);
    },
    rejected: (status, statusText, body, headers) =>
      finish({ kind: 'status', status, statusText, body, headers }),
  };
  const onAbort = () => {
    finish({ kind: 'aborted', sent: opened, cause: signal.reason });
    handle.close();
  };

  try {
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener('abort', onAbort);
      connecting.start();
      const headers = options.headers ?? {};
      const browser = typeof globalThis.WebSocket === 'function' && Object.keys(headers).length === 0;
      try {
        handle = browser ? openBrowserSocket(url, events) : await openNodeSocket(url, headers, events);
      } catch (error) {
        events.failed(error);
      }
    }
    while (true) {
      const text = queue.shift();
      if (text !== undefined) {
        if (paused && queue.length < maxQueue / 2) {
          paused = false;
          handle.resume();
        }
        yield text;
      } else if (end) {
        if (end.failure) throw options.toError(end.failure);
        return;
      } else {
        if (opened) idle.start();
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        idle.stop();
      }
    }
  } finally {
    connecting.stop();
    idle.stop();
    signal.removeEventListener('abort', onAbort);
    handle.close();
  }
}

/**
 * The lines of a WebSocket's text messages (without their `\n`), however the server splits them into messages:
 * a message may hold several lines, and a line may span messages.
 */
export async function* openWebSocketLines(
  url: string,
  options: WebSocketLineOptions,
): AsyncGenerator<string> {
  yield* splitLines(openWebSocket(url, options), options.keepEmpty);
}

/** `http(s)://` → `ws(s)://`. */
export function toWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, (_, secure: string) => `ws${secure}://`);
}

/**
 * Maps a WebSocket failure to the error a client throws, with the same statuses and reasons as its HTTP requests:
 * a rejected handshake carries its HTTP status; refused → 503, timeouts → 408. Secrets are removed.
 */
export function webSocketError(
  failure: WebSocketFailure,
  context: ErrorContext & { url: string; timeout: { connect: number; read: number } },
): ClientError | AbortError {
  if (failure.kind !== 'status') return failureError(context, failure, 'GET', context.url, context.timeout);
  const reply = {
    status: failure.status,
    statusText: failure.statusText,
    headers: failure.headers,
    body: failure.body,
  };
  return responseError(context, reply, 'GET', context.url);
}

/** What a client's WebSocket needs besides the socket options: who it is, and the limits its errors name. */
export interface ClientWebSocketOptions extends Omit<WebSocketLineOptions, 'toError'>, ErrorContext {
  /** The limits a timeout's message names. */
  timeout: { connect: number; read: number };
}

/**
 * The lines of a client's WebSocket at `httpUrl` (`http(s)` becomes `ws(s)`), its failures mapped to the client's
 * errors as its HTTP requests' are.
 */
export function clientWebSocketLines(
  httpUrl: string,
  options: ClientWebSocketOptions,
): AsyncGenerator<string> {
  const url = toWebSocketUrl(httpUrl);
  const { clientName, redactor, timeout, ...socket } = options;
  return openWebSocketLines(url, {
    ...socket,
    toError: (failure) => webSocketError(failure, { clientName, redactor, url, timeout }),
  });
}
