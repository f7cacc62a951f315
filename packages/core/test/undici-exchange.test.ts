import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createUndiciFetch, READ_WITH_HEADERS } from '../src/undici-fetch.js';
import { localServer } from './helpers/local-server.js';

const servers: { close(): Promise<void> }[] = [];
async function serve(answer: (res: ServerResponse) => void) {
  const server = await localServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  servers.push(server);
  return server;
}
const dispatcher = getGlobalDispatcher();
afterEach(async () => {
  setGlobalDispatcher(dispatcher);
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const fetch = createUndiciFetch();
const MiB = 1024 * 1024;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `count` chunks of 1 MiB, each once the last was taken; counts those taken. */
function writeMebibytes(res: ServerResponse, count: number) {
  const progress = { taken: 0 };
  const chunk = Buffer.alloc(MiB, 7);
  void (async () => {
    for (let i = 0; i < count; i++) {
      if (!res.write(chunk)) await once(res, 'drain');
      progress.taken += 1;
    }
    res.end();
  })().catch(() => undefined);
  return progress;
}

describe("the exchange under the Node fetch (undici's dispatcher)", () => {
  it('answers with the final reply when informational ones (1xx) come first', async () => {
    const server = await serve((res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload' });
      res.writeHead(200, { 'content-type': 'application/json', 'x-final': 'yes' });
      res.end('{"id":1}');
    });
    const response = await fetch(`${server.url}/`);
    expect([response.status, response.headers.get('x-final'), response.headers.get('link')]).toEqual([
      200,
      'yes',
      null,
    ]);
    expect(await response.json()).toEqual({ id: 1 });
  });

  it('a small reply sent in pieces comes whole, in order', async () => {
    const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 256));
    const server = await serve((res) => {
      res.writeHead(200, { 'content-length': String(bytes.length) });
      void (async () => {
        for (let offset = 0; offset < bytes.length; offset += 1000) {
          res.write(bytes.subarray(offset, offset + 1000));
          await wait(2);
        }
        res.end();
      })();
    });
    const response = await fetch(`${server.url}/`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('reads header values as Latin-1, as fetch does', async () => {
    const server = await serve((res) => {
      res.setHeader('x-name', 'caf\u00e9');
      res.end('');
    });
    expect((await fetch(`${server.url}/`)).headers.get('x-name')).toBe('caf\u00e9');
  });

  it('holds the sender back while a streamed body is not read, and delivers every byte once it is', async () => {
    let progress = { taken: 0 };
    const server = await serve((res) => {
      progress = writeMebibytes(res, 64);
    });
    const response = await fetch(`${server.url}/`);
    await wait(300);
    // 64 MiB unread: the socket is paused, so the sender is held back once the buffers between are full.
    expect(progress.taken).toBeLessThan(64);
    expect((await response.arrayBuffer()).byteLength).toBe(64 * MiB);
    expect(progress.taken).toBe(64);
  });

  it('cancelling a streamed body before its end closes the exchange', async () => {
    let closed: Promise<unknown> = Promise.resolve();
    const server = await serve((res) => {
      closed = once(res, 'close');
      writeMebibytes(res, 64);
    });
    const response = await fetch(`${server.url}/`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await closed;
  });

  it("the caller's abort after the headers ends a streamed body with its reason", async () => {
    const server = await serve((res) => {
      res.writeHead(200);
      res.write('a first piece');
    });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/`, { signal: controller.signal });
    expect(response.status).toBe(200);
    const text = response.text();
    controller.abort(new Error('enough'));
    await expect(text).rejects.toThrow();
  });

  it("goes through undici's global dispatcher: a MockAgent set there answers", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const big = 'x'.repeat(READ_WITH_HEADERS + 1);
    agent
      .get('http://api.test')
      .intercept({
        path: '/tasks/?page=2',
        method: 'POST',
        headers: { authorization: 'Token t', 'content-type': 'application/json' },
        body: '{"name":"a"}',
      })
      .reply(201, { id: 7 }, { headers: { 'content-type': 'application/json', 'x-tag': ['a', 'b'] } });
    agent.get('http://api.test').intercept({ path: '/big/', method: 'GET' }).reply(200, big);
    setGlobalDispatcher(agent);

    const created = await fetch('http://api.test/tasks/?page=2', {
      method: 'POST',
      headers: { authorization: 'Token t', 'content-type': 'application/json' },
      body: '{"name":"a"}',
    });
    expect([created.status, created.headers.get('x-tag')]).toEqual([201, 'a, b']);
    expect(await created.json()).toEqual({ id: 7 });
    expect(await (await fetch('http://api.test/big/')).text()).toBe(big);
    agent.assertNoPendingInterceptors();
  });
});
