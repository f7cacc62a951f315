import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { multipartForm, TimeoutError } from '../src/internal.js';
import { TestClient, TOKEN } from './helpers/test-client.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const servers: Array<{ close(): void; closeAllConnections(): void }> = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const clientOf = (baseUrl: string) =>
  new TestClient({ baseUrl, accessToken: TOKEN, timeout: { connect: 0.5, read: 1.5 } });

// Larger than what the loopback socket buffers hold, so the upload stalls when the server stops reading.
const file = new Uint8Array(64 * 1024 * 1024).fill(7);

beforeAll(blockNetwork);
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('multipart uploads over a slow link', () => {
  it('keep going while fetch takes the bytes, however long the whole upload lasts', async () => {
    // A fetch that takes one piece of the body every 100 ms: some 2 s for 4 MiB, each wait far below the read
    // timeout. Sockets are not used, so kernel buffers cannot hide the pace.
    const seen: { bytes: number; headers?: Headers; method?: string; url?: string } = {
      bytes: 0,
    };
    const slowFetch = async (url: string | URL | Request, init: RequestInit = {}) => {
      seen.url = String(url);
      seen.method = init.method;
      seen.headers = new Headers(init.headers);
      const reader = (init.body as ReadableStream<Uint8Array>).getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        if (init.signal?.aborted) throw init.signal.reason;
        seen.bytes += read.value.byteLength;
        await sleep(100);
      }
      if (init.signal?.aborted) throw init.signal.reason;
      return new Response('{"id": 9}', { headers: { 'content-type': 'application/json' } });
    };
    const client = new TestClient({
      baseUrl: 'https://synapse.test',
      accessToken: TOKEN,
      timeout: { connect: 0.5, read: 0.5 },
      fetch: slowFetch,
    });
    const started = performance.now();
    const form = await multipartForm({ meta: { a: 1 } }, { file: new Uint8Array(4 * 1024 * 1024).fill(7) });
    const reply = await client.call('POST', 'data_files/', { form });
    const seconds = (performance.now() - started) / 1000;

    expect(reply).toEqual({ id: 9 });
    expect(seconds).toBeGreaterThan(1);
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('https://synapse.test/data_files/');
    expect(seen.headers?.get('Synapse-Access-Token')).toBe(`Token ${TOKEN}`);
    expect(seen.headers?.get('Content-Type')).toMatch(
      /^multipart\/form-data; boundary=----formdata-undici-0\d{11}$/,
    );
    expect(Number(seen.headers?.get('Content-Length'))).toBe(seen.bytes);
    expect(seen.bytes).toBeGreaterThan(4 * 1024 * 1024);
  }, 20_000);

  it('time out after the read timeout once the server stops taking bytes, without a retry', async () => {
    let requests = 0;
    const baseUrl = await serve((request) => {
      requests++;
      request.pause();
    });
    const started = performance.now();
    const error = await clientOf(baseUrl)
      .call('POST', 'data_files/', { form: await multipartForm(undefined, { file }) })
      .catch((e: unknown) => e);
    const seconds = (performance.now() - started) / 1000;

    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toContain('POST');
    expect(seconds).toBeGreaterThanOrEqual(1.5);
    expect(seconds).toBeLessThan(6);
    expect(requests).toBe(1);
  }, 20_000);
});
