import { type Dispatcher, MockAgent } from 'undici';
import { isLoopback, NetConnectNotAllowedError } from './connect-guard.js';
import { isStreamed, isWhole, readBody, wholeBytes } from './request-body.js';
import { clientHeaders, headerRecord } from './request-headers.js';

/** A request that reached the network layer, answered or not. */
export interface NetworkRequest {
  method: string;
  /** Origin, path and query, as the transport asked for them. */
  url: string;
}

/** A request to a faked origin, read whole before any answer is looked for. */
export interface SentRequest {
  method: string;
  origin: string;
  /** Path and query, as sent. */
  path: string;
  /** See `clientHeaders`. */
  headers: Record<string, string>;
  body: Buffer;
}

const SENT = Symbol('sent request');

type DispatchOptions = Dispatcher.DispatchOptions & { [SENT]?: SentRequest };

/** The request the network mock read, from the options a reply callback gets. */
export function sentRequestOf(options: object): SentRequest {
  const sent = (options as DispatchOptions)[SENT];
  if (!sent) throw new Error('the request did not come through the network mock');
  return sent;
}

/** The options with the body read whole, and the request as the client sent it for the answers to record. */
function withSent(options: DispatchOptions, origin: string, bytes: Buffer): DispatchOptions {
  const sent: SentRequest = {
    method: options.method,
    origin,
    path: options.path,
    headers: clientHeaders(options.headers, origin, isStreamed(options.body)),
    body: bytes,
  };
  return { ...options, body: bytes, [SENT]: sent };
}

function fail(handler: Dispatcher.DispatchHandler, error: Error): void {
  if (handler.onError) handler.onError(error);
  else handler.onResponseError?.(undefined as never, error);
}

function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * undici's `MockAgent`, as the global dispatcher both fetch and undici's `request` send through. It writes down
 * every request that reaches it; refuses, when the network is blocked, an origin that is neither faked nor
 * loopback; and reads the body of a request to a faked origin to its end before the answers are searched (as
 * a server would), so a reply sees the whole request and a body that fails fails the request. Unmatched
 * requests to a faked origin fail too: they never go on to the real network.
 */
export class NetworkMock extends MockAgent {
  readonly requests: NetworkRequest[] = [];
  readonly #fakedHosts = new Set<string>();
  readonly #blocked: () => boolean;

  constructor(blocked: () => boolean) {
    super();
    this.#blocked = blocked;
    this.disableNetConnect();
    this.enableNetConnect((host) => !this.#fakedHosts.has(host) && (!this.#blocked() || isLoopback(host)));
  }

  /** Marks `origin` as faked: its requests are read and answered here, never sent on. */
  fake(origin: string): void {
    this.#fakedHosts.add(new URL(origin).host);
  }

  override dispatch(options: DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const url = new URL(String(options.origin));
    this.requests.push({ method: options.method, url: `${url.origin}${options.path}` });
    const faked = this.#fakedHosts.has(url.host);
    if (!faked && this.#blocked() && !isLoopback(url.host)) {
      fail(handler, new NetConnectNotAllowedError(`${url.hostname}:${portOf(url)}${options.path}`));
      return false;
    }
    const { body } = options;
    const contentType = headerRecord(options.headers)['content-type'];
    // fetch hands a form over as it was given, under the boundary of its own encoding: undici would encode it
    // again under another.
    const reencode = body instanceof FormData && contentType !== undefined;
    if (!faked && !reencode) return super.dispatch(options, handler);
    const send = (bytes: Buffer): boolean =>
      super.dispatch(faked ? withSent(options, url.origin, bytes) : { ...options, body: bytes }, handler);
    if (isWhole(body)) return send(wholeBytes(body));
    readBody(body, contentType)
      .then(send)
      .catch((error: unknown) => fail(handler, error instanceof Error ? error : new Error(String(error))));
    return true;
  }
}
