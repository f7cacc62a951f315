import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { AbortError, ConnectionError, type FetchFunction, TimeoutError } from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

/** A TCP server that counts connections and answers whatever arrives as plain HTTP would. */
async function plainServer() {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const countingFetch = () => vi.fn<FetchFunction>((input, init) => globalThis.fetch(input, init));

describe('failures that no retry can fix', () => {
  it('https:// to a plain-http server: a clear message, no OpenSSL text, no retry', async () => {
    const server = await plainServer();
    const fetch = countingFetch();
    try {
      const client = new TestClient({
        baseUrl: `https://127.0.0.1:${server.port}`,
        apiToken: TOKEN,
        fetch,
        retry: { initialDelay: 0.01 },
      });
      const error = await client.call('GET', 'projects/').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({
        status: 503,
        method: 'GET',
        url: `https://127.0.0.1:${server.port}/projects/`,
      });
      expect((error as Error).message).toBe(
        `Backend TLS error: the server did not answer in TLS: is it plain http? Use http:// or its https port (GET https://127.0.0.1:${server.port}/projects/)`,
      );
      expect((error as Error).message).not.toMatch(/ssl3|openssl|routines/i);
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('a port fetch refuses (9): a clear message at once, no retry', async () => {
    const fetch = countingFetch();
    const client = new TestClient({
      baseUrl: 'http://127.0.0.1:9',
      apiToken: TOKEN,
      fetch,
      retry: { initialDelay: 0.01 },
    });
    const error = await client.call('GET', 'x/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(
      'Backend blocked port: fetch refuses to connect to this port (a blocked port); use another port (GET http://127.0.0.1:9/x/)',
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('http://127.0.0.1:9/x/');
    expect(init?.method).toBe('GET');
    expect(new Headers(init?.headers).get('synapse-access-token')).toBe(`Token ${TOKEN}`);
  });
});

/** A fetch that fails as undici's does: a TypeError whose cause is Node's error with its `code`. */
const failingFetch = (message: string, code?: string) =>
  vi.fn<FetchFunction>(async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(message), code ? { code } : {}) });
  });

describe('the error of an exchange that got no reply', () => {
  const url = `${BASE}/x/`;
  const failing = (fetch: FetchFunction, extra: object = {}) =>
    new TestClient({ baseUrl: BASE, apiToken: TOKEN, fetch, maxRetries: 0, ...extra });

  it('a connect timeout: TimeoutError 408 naming the connect limit; a POST is retried, nothing was sent', async () => {
    const fetch = failingFetch('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT');
    const timeout = { connect: 0.5, read: 7 };
    const error = await failing(fetch, { timeout, maxRetries: 1, retry: { initialDelay: 0.001 } })
      .call('POST', 'x/', { data: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      status: 408,
      phase: 'connect',
      reason: 'Backend connect timeout (>0.5s)',
      message: `Backend connect timeout (>0.5s): POST ${url}`,
      method: 'POST',
      url,
      clientName: 'Backend',
    });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('a host that is not found: ConnectionError 503', async () => {
    const error = await failing(failingFetch('getaddrinfo ENOTFOUND synapse.test', 'ENOTFOUND'))
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      status: 503,
      reason: 'Backend host unreachable',
      message: `Backend host unreachable: GET ${url}`,
      method: 'GET',
      url,
    });
  });

  it('a broken connection: ConnectionError 503 quoting at most 100 characters of what broke', async () => {
    const detail = `read ECONNRESET ${'y'.repeat(200)}`;
    const error = await failing(failingFetch(detail, 'ECONNRESET'))
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    const reason = `Backend connection error: ${detail.slice(0, 100)}`;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 503, reason, message: `${reason} (GET ${url})` });
  });

  it('any other failure: ConnectionError 500 quoting at most 100 characters of it', async () => {
    const detail = `unexpected ${'z'.repeat(200)}`;
    const error = await failing(failingFetch(detail))
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    const reason = `Backend request failed: ${detail.slice(0, 100)}`;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      status: 500,
      reason,
      message: `${reason} (GET ${url})`,
      method: 'GET',
      url,
      clientName: 'Backend',
    });
    const short = await failing(failingFetch('odd'))
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect(short).toMatchObject({ reason: 'Backend request failed: odd' });
  });

  it("the caller's abort while the request is out: AbortError with the caller's reason, no retry", async () => {
    const controller = new AbortController();
    const reason = new Error('user gave up');
    const fetch = vi.fn<FetchFunction>(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal as AbortSignal;
          signal.addEventListener('abort', () => reject(signal.reason));
          controller.abort(reason);
        }),
    );
    const error = await failing(fetch, { maxRetries: 3 })
      .call('GET', 'x/', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: `Backend GET ${url} was aborted`, cause: reason });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a body that breaks off unexplained is a lost connection, and a GET tries again', async () => {
    const broken = () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            controller.error(new Error('invalid chunk'));
          },
        }),
      );
    const once = await failing(vi.fn<FetchFunction>(async () => broken()))
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect(once).toBeInstanceOf(ConnectionError);
    expect(once).toMatchObject({
      status: 503,
      reason: 'Backend connection error: invalid chunk',
      message: `Backend connection error: invalid chunk (GET ${url})`,
    });
    const replies = [broken(), new Response('{"ok": true}')];
    const fetch = vi.fn<FetchFunction>(async () => replies.shift() as Response);
    expect(await failing(fetch, { maxRetries: 1, retry: { initialDelay: 0.001 } }).call('GET', 'x/')).toEqual(
      {
        ok: true,
      },
    );
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('a failure a browser hides', () => {
  it('is a ConnectionError that names CORS as the usual cause; a GET is retried, a POST is not', async () => {
    const fetch = vi.fn<FetchFunction>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      fetch,
      maxRetries: 1,
      retry: { initialDelay: 0.01 },
    });
    const error = await client.call('GET', 'projects/1/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 503, method: 'GET', url: `${BASE}/projects/1/` });
    expect((error as Error).message).toBe(
      "Backend request failed, and the browser hides why: most often CORS (the server does not allow this page's " +
        'origin; the browser console names the header), else the server is unreachable or the connection dropped ' +
        `(GET ${BASE}/projects/1/)`,
    );
    expect(fetch).toHaveBeenCalledTimes(2);
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${BASE}/projects/1/`);
    expect(init.method).toBe('GET');
    expect(new Headers(init.headers).get('synapse-access-token')).toBe(`Token ${TOKEN}`);

    fetch.mockClear();
    const post = await client.call('POST', 'projects/', { data: { title: 'x' } }).catch((e: unknown) => e);
    expect(post).toBeInstanceOf(ConnectionError);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((fetch.mock.calls[0] as [string, RequestInit])[1].body).toBe('{"title":"x"}');
  });
});
