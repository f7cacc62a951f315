import type { Readable } from 'node:stream';
import { BufferedResponse } from './buffered-response.js';
import { DISPATCHER_TIMEOUTS, type InitWithTimeouts } from './dispatcher-timeouts.js';
import { ITERABLE_BODIES } from './iterable-bodies.js';
import type { FetchFunction } from './options.js';

type Zlib = typeof import('node:zlib');

interface NodeModules {
  request: typeof import('undici').request;
  zlib: Zlib;
  pipeline: typeof import('node:stream').pipeline;
}

// Loaded with the first request, not with the SDK: importing undici costs more than the rest of the SDK together.
let modules: Promise<NodeModules> | undefined;
function load(): Promise<NodeModules> {
  modules ??= Promise.all([import('undici'), import('node:zlib'), import('node:stream')]).then(
    ([undici, zlib, stream]) => ({ request: undici.request, zlib, pipeline: stream.pipeline }),
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

function readWithHeaders(headers: Record<string, string | string[] | undefined>): boolean {
  const length = Number(headers['content-length']);
  const coding = headers['content-encoding'];
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
function decoded({ zlib, pipeline }: NodeModules, body: Readable, encoding: string | string[] | undefined) {
  if (typeof encoding !== 'string') return body;
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

/** undici's reply headers as name/value pairs, which the Response takes as they are (no Headers in between). */
function responseHeaders(raw: Record<string, string | string[] | undefined>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) pairs.push([name, item]);
    else if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
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

function requestUrl(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * A `fetch` over `undici.request` (Node's own HTTP client, through undici's global dispatcher, so a proxy or mock
 * agent set with `setGlobalDispatcher` applies as it does to Node's fetch). It sends what fetch would send the
 * server for the SDK's requests and returns a `Response`, at a fraction of fetch's cost per call: redirects are not
 * followed (the SDK follows them itself), bodies are strings, bytes, Blobs, streams or async iterables, and a
 * small reply comes whole with its headers (`BufferedResponse`). Given `DISPATCHER_TIMEOUTS` in its init, the
 * dispatcher bounds the waits for the headers and for each piece of the body.
 */
export function createUndiciFetch(): FetchFunction {
  const fetch: FetchFunction = async (input, init: InitWithTimeouts = {}) => {
    // A Request carries its own body and options; fetch knows how to send it.
    if (typeof Request !== 'undefined' && input instanceof Request) return globalThis.fetch(input, init);
    const loaded = await load();
    const method = init.method ?? 'GET';
    const timeouts = init[DISPATCHER_TIMEOUTS];
    const reply = await loaded.request(requestUrl(input), {
      method: method as never,
      headers: requestHeaders(init.headers),
      body: (init.body ?? null) as never,
      signal: init.signal ?? undefined,
      ...(timeouts && { headersTimeout: timeouts.headers, bodyTimeout: timeouts.body }),
    });
    const meta = {
      status: reply.statusCode,
      statusText: reply.statusText,
      headers: responseHeaders(reply.headers),
    };
    if (NULL_BODY_STATUSES.has(reply.statusCode) || method === 'HEAD') {
      await reply.body.dump();
      return new Response(null, meta);
    }
    if (readWithHeaders(reply.headers))
      return new BufferedResponse(new Uint8Array(await reply.body.arrayBuffer()), meta);
    // Node's Response takes any async iterable as its body; a Node Readable is one.
    const body = decoded(loaded, reply.body as unknown as Readable, reply.headers['content-encoding']);
    return new Response(body as unknown as BodyInit, meta);
  };
  return Object.assign(fetch, { [DISPATCHER_TIMEOUTS]: true as const, [ITERABLE_BODIES]: true as const });
}
