import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionError, type FetchFunction } from '../src/index.js';
import { TestClient, TOKEN } from './helpers/test-client.js';

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
