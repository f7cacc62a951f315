import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { BufferedResponse } from './buffered-response.js';
import { DISPATCHER_TIMEOUTS, type InitWithTimeouts } from './dispatcher-timeouts.js';
import { ITERABLE_BODIES } from './iterable-bodies.js';
import type { FetchFunction } from './options.js';
import { exchange, headerValue, type ReplyHead } from './undici-exchange.js';

type Zlib = typeof import('node:zlib');

interface NodeModules {
  getGlobalDispatcher: typeof import('undici').getGlobalDispatcher;
  zlib: Zlib;
  pipeline: typeof import('node:stream').pipeline;
}

// Loaded with the first request, not with the SDK: importing undici costs more than the rest of the SDK together.
let modules: Promise<NodeModules> | undefined;
function load(): Promise<NodeModules> {
  modules ??= Promise.all([import('undici'), import('node:zlib'), import('node:stream')]).then(
    ([undici, zlib, stream]) => ({
      getGlobalDispatcher: undici.getGlobalDispatcher,
      zlib,
      pipeline: stream.pipeline,
    }),
  );
  return modules;
}

/** Statuses whose response has no body (fetch refuses to build a Response with one). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Replies of at most this many bytes (by their Content-Length, with no content coding) are read with their headers:
 * a Response over bytes costs a fraction of one over a stream, and most replies of the API are this small.
 */
export const READ_WITH_HEADERS = 64 * 1024;

function readWithHeaders({ headers }: ReplyHead): boolean {
  const length = Number(headerValue(headers, 'content-length'));
  const coding = headerValue(headers, 'content-encoding');
  return (
    Number.isInteger(length) && length <= READ_WITH_HEADERS && (coding === undefined || coding === 'identity')
  );
}

/** Codings the reply may use; asked for as Node's fetch and Python's `requests` do. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

function decoder(zlib: Zlib, coding: string) {
  // Lenient flushing, as fetch does: a reply cut short still yields what arrived, then the error.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip(flush);
  if (coding === 'deflate') return zlib.createInflate(flush);
  if (coding === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

/** The body with its content codings undone (last applied, first undone); unknown codings leave it as sent. */
function decoded({ zlib, pipeline }: NodeModules, body: Readable, encoding: string | undefined) {
  if (encoding === undefined) return body;
  const codings = encoding
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  const steps = codings.map((coding) => decoder(zlib, coding));
  if (steps.length === 0 || steps.some((step) => step === undefined)) return body;
  const decoders = steps as NonNullable<(typeof steps)[number]>[];
  // pipeline destroys every stage on an error, so a broken reply reaches the reader as an error.
  return pipeline([body, ...decoders], () => {}) as unknown as Readable;
}

/** The request's headers as undici takes them: lower-case names, values joined as Headers joins them. */
function requestHeaders(init: HeadersInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  // ofetch hands over a Headers; read it as it is rather than copy it into another.
  (init instanceof Headers ? init : new Headers(init)).forEach((value, name) => {
    headers[name] = value;
  });
  headers['accept-encoding'] ??= ACCEPT_ENCODING;
  return headers;
}

function requestUrl(input: string | URL | Request): URL {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return input;
  return new URL(input.url);
}

/**
 * A `fetch` over undici's dispatcher (Node's own HTTP client; the global one, so a proxy or mock agent set with
 * `setGlobalDispatcher` applies as it does to Node's fetch). It sends what fetch would send the server for the
 * SDK's requests and returns a `Response`, at a fraction of fetch's cost per call: redirects are not followed (the
 * SDK follows them itself), bodies are strings, bytes, Blobs, streams or async iterables, and a small reply comes
 * whole with its headers (`BufferedResponse`). Given `DISPATCHER_TIMEOUTS` in its init, the dispatcher bounds the
 * waits for the headers and for each piece of the body.
 */
export function createUndiciFetch(): FetchFunction {
  const fetch: FetchFunction = async (input, init: InitWithTimeouts = {}) => {
    // A Request carries its own body and options; fetch knows how to send it.
    if (typeof Request !== 'undefined' && input instanceof Request) return globalThis.fetch(input, init);
    const loaded = await load();
    const method = init.method ?? 'GET';
    const url = requestUrl(input);
    const timeouts = init[DISPATCHER_TIMEOUTS];
    const bodiless = (status: number) => method === 'HEAD' || NULL_BODY_STATUSES.has(status);
    const reply = await exchange({
      dispatcher: loaded.getGlobalDispatcher(),
      request: {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: method as Dispatcher.HttpMethod,
        headers: requestHeaders(init.headers),
        body: (init.body ?? null) as Dispatcher.DispatchOptions['body'],
        ...(timeouts && { headersTimeout: timeouts.headers, bodyTimeout: timeouts.body }),
      },
      signal: init.signal ?? undefined,
      readWhole: (head) => bodiless(head.status) || readWithHeaders(head),
    });
    const meta = { status: reply.status, statusText: reply.statusText, headers: reply.headers };
    if (bodiless(reply.status)) return new Response(null, meta);
    if ('bytes' in reply) return new BufferedResponse(reply.bytes, meta);
    // Node's Response takes any async iterable as its body; a Node Readable is one.
    const body = decoded(loaded, reply.stream, headerValue(reply.headers, 'content-encoding'));
    return new Response(body as unknown as BodyInit, meta);
  };
  return Object.assign(fetch, { [DISPATCHER_TIMEOUTS]: true as const, [ITERABLE_BODIES]: true as const });
}
