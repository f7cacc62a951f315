import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultFetch } from '../src/default-fetch.js';
import { ValidationError } from '../src/index.js';
import { isNodeRuntime } from '../src/runtime/detect.js';
import { createUndiciFetch, READ_WITH_HEADERS } from '../src/undici-fetch.js';
import { localServer } from './helpers/local-server.js';
import { TestClient, TOKEN } from './helpers/test-client.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server that records each request and answers with `answer`. */
async function recordingServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = await localServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer(req, res);
    });
  });
  return { ...server, seen };
}

const servers: { close(): Promise<void> }[] = [];
async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = await recordingServer(answer);
  servers.push(server);
  return server;
}
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, 'Fine', { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe("fetch over undici's dispatcher", () => {
  const fetch = createUndiciFetch();

  it('sends the method, path, query, headers and body, and returns a standard Response', async () => {
    const server = await serve((_req, res) => json(res, 201, { id: 7 }, { 'x-request-id': 'r1' }));
    const response = await fetch(`${server.url}/tasks/?page=2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Synapse-Access-Token': 'Token t' },
      body: JSON.stringify({ project: 1 }),
    });
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.statusText, response.ok]).toEqual([201, 'Fine', true]);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await response.json()).toEqual({ id: 7 });
    const [request] = server.seen;
    expect(request).toMatchObject({ method: 'POST', url: '/tasks/?page=2', body: '{"project":1}' });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'synapse-access-token': 'Token t',
      'content-length': '13',
      'accept-encoding': 'gzip, deflate, br',
    });
  });

  it('takes a URL object, and keeps an accept-encoding the caller chose', async () => {
    const server = await serve((_req, res) => json(res, 200, { ok: true }));
    const response = await fetch(new URL(`${server.url}/a/`), { headers: { 'accept-encoding': 'identity' } });
    expect(await response.json()).toEqual({ ok: true });
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/a/' });
    expect(server.seen[0]?.headers['accept-encoding']).toBe('identity');
  });

  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('undoes a %s content coding', async (coding, compress) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding });
      res.end(compress(Buffer.from('{"decoded":true}')));
    });
    expect(await (await fetch(`${server.url}/z/`)).json()).toEqual({ decoded: true });
  });

  it('undoes stacked codings last first, and leaves an unknown coding as it was sent', async () => {
    const stacked = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'deflate, gzip' });
      res.end(gzipSync(deflateSync(Buffer.from('two layers'))));
    });
    expect(await (await fetch(`${stacked.url}/`)).text()).toBe('two layers');
    const unknown = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'zz' });
      res.end('as sent');
    });
    expect(await (await fetch(`${unknown.url}/`)).text()).toBe('as sent');
  });

  it('a compressed body cut short is an error when read, not a truncated text', async () => {
    const whole = gzipSync(Buffer.from('x'.repeat(100_000)));
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(whole.length) });
      res.write(whole.subarray(0, 50));
      setTimeout(() => req.socket.destroy(), 20);
    });
    const response = await fetch(`${server.url}/`);
    await expect(response.text()).rejects.toThrow();
  });

  /** Whether `promise` is still pending after the server has had `ms` to send what it will. */
  const stillPending = (promise: Promise<unknown>, ms = 150) =>
    Promise.race([promise.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), ms))]);

  it.each([
    ['up to the limit, with no coding: with its headers', READ_WITH_HEADERS, {}, true],
    ['over the limit: as a stream, after its headers', READ_WITH_HEADERS + 1, {}, false],
    ['with a content coding: as a stream', 100, { 'content-encoding': 'gzip' }, false],
  ])('a reply with a Content-Length is read %s', async (_how, length, headers, withHeaders) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(length), ...headers });
      res.write('x'.repeat(10));
    });
    const controller = new AbortController();
    const pending = fetch(`${server.url}/`, { signal: controller.signal });
    pending.catch(() => {});
    expect(await stillPending(pending)).toBe(withHeaders);
    controller.abort(new Error('done'));
    await expect(pending.then((response) => response.text())).rejects.toThrow();
  });

  it('a reply read with its headers keeps its bytes exactly', async () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(bytes.length) });
      res.end(bytes);
    });
    expect(Buffer.from(await (await fetch(`${server.url}/`)).arrayBuffer())).toEqual(bytes);
  });

  it.each([204, 205, 304])('a %i reply has no body', async (status) => {
    const server = await serve((_req, res) => {
      res.writeHead(status);
      res.end();
    });
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
  });

  it('a HEAD reply has no body, and keeps its headers', async () => {
    const server = await serve((_req, res) => json(res, 200, { unseen: true }));
    const response = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect([response.status, response.body]).toEqual([200, null]);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(server.seen[0]?.method).toBe('HEAD');
  });

  it('keeps every value of a repeated header', async () => {
    const server = await serve((_req, res) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end('');
    });
    expect((await fetch(`${server.url}/`)).headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it.each([
    ['bytes', () => new TextEncoder().encode('some bytes')],
    ['a Blob', () => new Blob(['some bytes'])],
    [
      'a stream',
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('some '));
            controller.enqueue(new TextEncoder().encode('bytes'));
            controller.close();
          },
        }),
    ],
  ])('sends %s as the body', async (_kind, body) => {
    const server = await serve((_req, res) => json(res, 200, {}));
    await fetch(`${server.url}/up/`, {
      method: 'PUT',
      body: body() as BodyInit,
      duplex: 'half',
    } as RequestInit);
    expect(server.seen[0]).toMatchObject({ method: 'PUT', url: '/up/', body: 'some bytes' });
  });

  it("stops at the caller's abort, with its reason", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const pending = fetch(`${server.url}/slow/`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('enough')), 20);
    await expect(pending).rejects.toThrow('enough');
  });

  it('a refused connection fails with the socket error code', async () => {
    const server = await serve(() => {});
    await server.close();
    await expect(fetch(`${server.url}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('hands a Request to the platform fetch, which knows how to send one', async () => {
    const platform = vi.fn(async () => new Response('from fetch'));
    vi.stubGlobal('fetch', platform);
    const request = new Request('http://127.0.0.1:9/r/');
    expect(await (await fetch(request)).text()).toBe('from fetch');
    expect(platform).toHaveBeenCalledWith(request, {});
  });
});

describe('the default transport', () => {
  it('is undici on Node, the platform fetch on Bun, Deno and elsewhere', async () => {
    expect(isNodeRuntime({ process: { versions: { node: '20.19.0' } } })).toBe(true);
    expect(isNodeRuntime({ process: { versions: { node: '22.0.0', bun: '1.2.0' } } })).toBe(false);
    expect(isNodeRuntime({ process: { versions: { node: '20.0.0', deno: '2.1.0' } } })).toBe(false);
    expect(isNodeRuntime({})).toBe(false);
    const platform = vi.fn(async () => new Response('platform'));
    vi.stubGlobal('fetch', platform);
    const elsewhere = defaultFetch({ process: { versions: { node: '22.0.0', bun: '1.2.0' } } });
    expect(await (await elsewhere('http://127.0.0.1:9/b/', { method: 'GET' })).text()).toBe('platform');
    expect(platform).toHaveBeenCalledWith('http://127.0.0.1:9/b/', { method: 'GET' });
  });

  it.each([
    [undefined, 'undici'],
    ['undici', 'undici'],
    ['fetch', 'fetch'],
  ])('SYNAPSE_TRANSPORT=%s sends through %s', async (chosen, path) => {
    if (chosen !== undefined) vi.stubEnv('SYNAPSE_TRANSPORT', chosen);
    else vi.stubEnv('SYNAPSE_TRANSPORT', '');
    const server = await serve((_req, res) => json(res, 200, { id: 1 }));
    const client = new TestClient({ baseUrl: server.url, apiToken: TOKEN, allowInsecureHttp: true });
    expect(await client.call('GET', 'items/1/')).toEqual({ id: 1 });
    const [request] = server.seen;
    expect(request).toMatchObject({ method: 'GET', url: '/items/1/' });
    expect(request?.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
    // Node's fetch marks every request it sends as a CORS-mode fetch; undici.request sends no such header.
    expect(request?.headers['sec-fetch-mode']).toBe(path === 'fetch' ? 'cors' : undefined);
  });

  it('a SYNAPSE_TRANSPORT it does not know is a ValidationError when a client is made', () => {
    vi.stubEnv('SYNAPSE_TRANSPORT', 'curl');
    const make = () => new TestClient({ baseUrl: 'https://synapse.test', apiToken: TOKEN });
    expect(make).toThrow(ValidationError);
    expect(make).toThrow('SYNAPSE_TRANSPORT must be one of undici, fetch');
  });

  it("a client's own fetch wins over either transport", async () => {
    vi.stubEnv('SYNAPSE_TRANSPORT', 'undici');
    const own = vi.fn(async () => Response.json({ id: 3 }));
    const client = new TestClient({ baseUrl: 'https://synapse.test', apiToken: TOKEN, fetch: own });
    expect(await client.call('GET', 'items/3/')).toEqual({ id: 3 });
    expect(own).toHaveBeenCalledTimes(1);
    const [url, init] = own.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://synapse.test/items/3/');
    expect(init.method).toBe('GET');
    expect(new Headers(init.headers).get('synapse-access-token')).toBe(`Token ${TOKEN}`);
  });
});
