import { type $Fetch, createFetch } from 'ofetch';
import { type FormBody, isFormBody } from './body.js';
import { boundsItsOwnWaits, DISPATCHER_TIMEOUTS, type DispatcherTimeouts } from './dispatcher-timeouts.js';
import type { ValidationError } from './errors.js';
import { createIdleTimer } from './idle-timer.js';
import { takesIterableBodies } from './iterable-bodies.js';
import type { FetchFunction } from './options.js';

export interface Attempt {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | FormBody;
  /** Seconds. */
  timeout: { connect: number; read: number };
  signal?: AbortSignal;
  /** The caller reads the body as a stream, each wait bounded by its reader: no deadline for the body here. */
  stream?: boolean;
}

/** Why an attempt got no response. `sent: false` means the server provably never saw the request. */
export type TransportFailure =
  | { kind: 'timeout'; phase: 'connect' | 'read'; sent: boolean; cause: unknown }
  | { kind: 'refused' | 'unreachable'; sent: false; cause: unknown }
  | { kind: 'connection'; sent: boolean; detail: string; cause: unknown }
  | { kind: 'aborted'; sent: boolean; cause: unknown }
  /** TLS could not be set up (not TLS at all, or an untrusted certificate); sending again cannot help. */
  | { kind: 'tls'; sent: false; detail: string; cause: unknown }
  /** fetch refuses the port outright (e.g. 9, 6000); sending again cannot help. */
  | { kind: 'blocked'; sent: false; detail: string; cause: unknown }
  /** A browser's fetch failed and, by design, says no more (CORS, an unreachable server and a dropped connection look alike). */
  | { kind: 'hidden'; sent: boolean; cause: unknown }
  | { kind: 'other'; sent: boolean; detail: string; cause: unknown }
  /** The request body could not be produced (a file failed to read): the caller's input, not the network. */
  | { kind: 'input'; sent: boolean; error: ValidationError; cause: unknown };

export type AttemptResult = { ok: true; response: Response } | { ok: false; failure: TransportFailure };

const NOT_SENT_REFUSED = new Set(['ECONNREFUSED']);
const NOT_SENT_UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_NONAME']);
const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

function causeChain(error: unknown): { codes: string[]; messages: string[] } {
  // Stryker disable next-line ArrayDeclaration: a placeholder entry matches no code the classification looks for
  const codes: string[] = [];
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const item = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof item.code === 'string') codes.push(item.code);
    if (typeof item.message === 'string') messages.push(item.message);
    if (Array.isArray(item.errors)) {
      for (const inner of item.errors) {
        const code = (inner as { code?: unknown }).code;
        if (typeof code === 'string') codes.push(code);
      }
    }
    current = item.cause;
  }
  return { codes, messages };
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** A TLS failure in words a user can act on (OpenSSL's own text names a source file and a record function). */
function tlsFailure(codes: string[], cause: unknown): TransportFailure | undefined {
  if (codes.includes('ERR_SSL_WRONG_VERSION_NUMBER') || codes.includes('ERR_SSL_PACKET_LENGTH_TOO_LONG')) {
    const detail = 'the server did not answer in TLS: is it plain http? Use http:// or its https port';
    return { kind: 'tls', sent: false, detail, cause };
  }
  const certificate = codes.find((code) => CERTIFICATE_CODES.test(code));
  if (certificate) {
    return {
      kind: 'tls',
      sent: false,
      detail: `the server's certificate is not trusted (${certificate})`,
      cause,
    };
  }
  const other = codes.find((code) => code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'));
  return other ? { kind: 'tls', sent: false, detail: `TLS handshake failed (${other})`, cause } : undefined;
}

/** What browsers' fetch says of every network failure: Chromium, Firefox, Safari. */
const BROWSER_FAILURES = new Set([
  'Failed to fetch',
  'NetworkError when attempting to fetch resource.',
  'Load failed',
]);

/** Whether fetch's own TypeError is one of a browser's wordless failures (ofetch wraps it as the cause). */
function browserFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (current instanceof TypeError && BROWSER_FAILURES.has(current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Maps a fetch failure to the Python client's categories. */
export function classifyFailure(error: unknown): TransportFailure {
  const { codes, messages } = causeChain(error);
  if (codes.length === 0 && browserFailure(error)) return { kind: 'hidden', sent: true, cause: error };
  const said = (pattern: RegExp) => messages.some((message) => pattern.test(message));
  const tls = tlsFailure(codes, error);
  if (tls) return tls;
  if (messages.includes('bad port')) {
    const detail = 'fetch refuses to connect to this port (a blocked port); use another port';
    return { kind: 'blocked', sent: false, detail, cause: error };
  }
  if (codes.some((c) => NOT_SENT_REFUSED.has(c)) || said(/connection refused/i)) {
    return { kind: 'refused', sent: false, cause: error };
  }
  if (codes.some((c) => NOT_SENT_UNREACHABLE.has(c)) || said(/name or service not known|getaddrinfo/i)) {
    return { kind: 'unreachable', sent: false, cause: error };
  }
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT') || codes.includes('UND_ERR_BODY_TIMEOUT')) {
    return { kind: 'timeout', phase: 'read', sent: true, cause: error };
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) {
    return { kind: 'timeout', phase: 'connect', sent: false, cause: error };
  }
  if (codes.some((c) => CONNECTION_CODES.has(c)) || said(/socket|other side closed|terminated/i)) {
    return {
      kind: 'connection',
      sent: true,
      detail: messages[messages.length - 1] ?? 'connection lost',
      cause: error,
    };
  }
  return { kind: 'other', sent: true, detail: messages[messages.length - 1] ?? String(error), cause: error };
}

/**
 * What bounds an exchange in time and tells a timeout from the caller's abort. The one rule for every request,
 * whatever its body and whether or not the caller passed a signal: the response headers within connect + read
 * seconds, then the body within read seconds. While a form is streamed, each wait for the socket to take its
 * next piece, and then the wait for the reply's headers, is bounded by read seconds instead. One idle timer
 * (`createIdleTimer`) does the counting, as it does for line reading and WebSockets.
 *
 * Node's own transport counts for itself (`dispatcherTimeouts`) what it can count as cheaply: the headers within
 * connect + read seconds of the request going out on its connection, and each wait of the body within read
 * seconds; the connection itself within the dispatcher's connect timeout (undici's default: 10 s). Its timers
 * tick about every half second, so it keeps the time only when the read timeout is a second or more.
 */
interface AttemptGuard {
  /** What aborts the exchange: the guard's own, or the caller's when the dispatcher keeps the time. */
  signal: AbortSignal | undefined;
  timedOut(): boolean;
  /** The request body is still moving: its next wait may last the read timeout. */
  progress(): void;
  /** The headers have arrived: bound the body read by the read timeout. */
  startBody(): void;
  release(): void;
}

/** Whether fetch can send a ReadableStream body: Node's can (over HTTP/1.1); browsers mostly cannot. */
export function streamsRequestBodies(
  runtime: { process?: { versions?: { node?: string } } } = globalThis,
): boolean {
  return typeof runtime.process?.versions?.node === 'string';
}

function attemptGuard(callerSignal: AbortSignal | undefined, timeout: Attempt['timeout']): AttemptGuard {
  const controller = new AbortController();
  // Stryker disable next-line OptionalChaining: it runs only once callerSignal has fired, so callerSignal is set
  const onAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onAbort();
  // `release` removes it, on every path.
  callerSignal?.addEventListener('abort', onAbort);
  const timedOut = () => controller.abort(new Error('timeout'));
  const headers = createIdleTimer(timeout.connect + timeout.read, timedOut);
  const reading = createIdleTimer(timeout.read, timedOut);
  headers.start();
  const restartRead = () => {
    headers.stop();
    reading.start();
  };
  return {
    signal: controller.signal,
    timedOut: () => headers.fired || reading.fired,
    progress: restartRead,
    startBody: restartRead,
    release() {
      headers.stop();
      reading.stop();
      callerSignal?.removeEventListener('abort', onAbort);
    },
  };
}

/** The guard of an exchange whose waits the dispatcher bounds: the caller's signal, and nothing to count. */
function dispatcherGuard(callerSignal: AbortSignal | undefined): AttemptGuard {
  const none = () => {};
  return { signal: callerSignal, timedOut: () => false, progress: none, startBody: none, release: none };
}

/** The shortest read timeout, in seconds, that the dispatcher's coarse timers keep close enough. */
const DISPATCHER_RESOLUTION = 1;

/** The dispatcher's bounds for an attempt, in milliseconds (see `AttemptGuard`). */
function dispatcherTimeouts({ connect, read }: Attempt['timeout']): DispatcherTimeouts {
  return { headers: Math.round((connect + read) * 1000), body: Math.round(read * 1000) };
}

/** An in-flight exchange; its guard bounds the body read too (see `readBody`). */
export type SentAttempt = AttemptResult & { guard: AttemptGuard };

/** Binds ofetch to a fetch implementation once per client. */
export function createTransport(
  fetch: FetchFunction,
  streamBodies = streamsRequestBodies(),
): (attempt: Attempt) => Promise<SentAttempt> {
  // ofetch types its fetch after undici's; the standard signature is what it calls it with.
  const $fetch = createFetch({ fetch: fetch as never });
  const traits: FetchTraits = {
    streamBodies,
    timesItself: boundsItsOwnWaits(fetch),
    iterableBodies: takesIterableBodies(fetch),
  };
  return (attempt) => sendAttempt($fetch, attempt, traits);
}

/** What the transport's fetch can do, found once per client. */
interface FetchTraits {
  /** It can send a request body as it is produced (see `streamsRequestBodies`). */
  streamBodies: boolean;
  /** It bounds its own waits (see `boundsItsOwnWaits`). */
  timesItself: boolean;
  /** It takes an async iterable as a body (see `takesIterableBodies`). */
  iterableBodies: boolean;
}

/**
 * One HTTP exchange through ofetch, with no retries of its own. The wait for response headers is bounded by
 * `connect + read` seconds; the caller reads the body (see `readBody`) under the read timeout.
 */
async function sendAttempt(
  $fetch: $Fetch,
  attempt: Attempt,
  { streamBodies, timesItself, iterableBodies }: FetchTraits,
): Promise<SentAttempt> {
  const form = isFormBody(attempt.body) ? attempt.body : undefined;
  const trackUpload = form !== undefined && streamBodies;
  // Forms and streamed replies keep the guard's timers: they follow the upload's progress and the reader's waits.
  const byDispatcher =
    timesItself && form === undefined && !attempt.stream && attempt.timeout.read >= DISPATCHER_RESOLUTION;
  const guard = byDispatcher
    ? dispatcherGuard(attempt.signal)
    : attemptGuard(attempt.signal, attempt.timeout);
  // A form is streamed where fetch can stream a request body: each read gives the upload another read timeout,
  // so a large file on a slow link is not cut off by a deadline meant for the whole exchange.
  try {
    const body = form ? await formBody(form, guard, trackUpload, iterableBodies) : attempt.body;
    const response = await $fetch.raw(attempt.url, {
      method: attempt.method,
      headers: attempt.headers,
      body: body as BodyInit | undefined,
      signal: guard.signal,
      // Redirects are followed by the pipeline, which decides where credentials may go (see redirect.ts).
      redirect: 'manual',
      retry: false,
      ignoreResponseError: true,
      responseType: 'stream',
      ...(trackUpload ? { duplex: 'half' } : {}),
      ...(byDispatcher ? { [DISPATCHER_TIMEOUTS]: dispatcherTimeouts(attempt.timeout) } : {}),
    } as Parameters<$Fetch['raw']>[1]);
    guard.startBody();
    return { ok: true, response: response as unknown as Response, guard };
  } catch (error) {
    guard.release();
    // A local input problem breaks the body, which fetch reports as a network failure: it is not one.
    const input = form?.failure();
    if (input)
      return { ok: false, failure: { kind: 'input', sent: true, error: input, cause: error }, guard };
    if (guard.timedOut()) {
      return { ok: false, failure: { kind: 'timeout', phase: 'read', sent: true, cause: error }, guard };
    }
    if (attempt.signal?.aborted) {
      return { ok: false, failure: { kind: 'aborted', sent: true, cause: attempt.signal.reason }, guard };
    }
    return { ok: false, failure: classifyFailure(error), guard };
  }
}

/** A form as it goes: read as it is sent (each read telling the guard the upload moves), or whole as one Blob. */
function formBody(form: FormBody, guard: AttemptGuard, asRead: boolean, iterable: boolean) {
  if (!asRead) return form.blob();
  return iterable ? form.pieces(guard.progress) : form.stream(guard.progress);
}

export type BodyResult = { ok: true; text: string } | { ok: false; failure: TransportFailure };

/** Reads a whole response body as text, within the attempt's deadline; then releases the attempt's guard. */
export async function readBody(
  response: Response,
  guard: AttemptGuard,
  signal: AbortSignal | undefined,
): Promise<BodyResult> {
  try {
    return { ok: true, text: await response.text() };
  } catch (error) {
    if (guard.timedOut())
      return { ok: false, failure: { kind: 'timeout', phase: 'read', sent: true, cause: error } };
    if (signal?.aborted) return { ok: false, failure: { kind: 'aborted', sent: true, cause: signal.reason } };
    const failure = classifyFailure(error);
    return { ok: false, failure: failure.kind === 'other' ? { ...failure, kind: 'connection' } : failure };
  } finally {
    guard.release();
  }
}
