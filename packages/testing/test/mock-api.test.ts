import { Readable } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { MockApi, useMockNetwork } from '../src/index.js';

useMockNetwork();

const BASE = 'https://api.test';

describe('MockApi: what it records', () => {
  it('the path without the query; the raw query; repeated keys as lists', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/items/').reply(200, []);
    await fetch(`${BASE}/items/?tag=a&tag=b&q=x%20y`);
    expect(await api.single()).toMatchObject({
      method: 'GET',
      path: '/items/',
      search: 'tag=a&tag=b&q=x%20y',
      query: { tag: ['a', 'b'], q: 'x y' },
      body: '',
      json: undefined,
      parts: undefined,
    });
  });

  it("the client's headers, lower-cased, with the host; none that fetch adds of its own", async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/items/').reply(201, { id: 1 });
    await fetch(`${BASE}/items/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Trace': 't-1', Accept: 'application/json' },
      body: JSON.stringify({ name: 'n' }),
    });
    const req = await api.single();
    expect(req.headers).toEqual({
      'content-type': 'application/json',
      'x-trace': 't-1',
      accept: 'application/json',
      host: 'api.test',
    });
    expect(req.body).toBe('{"name":"n"}');
    expect(req.json).toEqual({ name: 'n' });
  });

  it("a streamed body's declared length stays: it is the caller's", async () => {
    const api = new MockApi(BASE);
    api.on('PUT', '/blob/').reply(200, {});
    const body = Readable.from([Buffer.from('ab'), Buffer.from('cd')]);
    await request(`${BASE}/blob/`, { method: 'PUT', body, headers: { 'content-length': '4' } });
    const req = await api.single();
    expect(req.body).toBe('abcd');
    expect(req.headers['content-length']).toBe('4');
  });

  it('a repeated header is one value joined with ", "', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/h/').reply(200, {});
    await request(`${BASE}/h/`, { headers: ['X-Many', '1', 'x-many', '2'] });
    expect((await api.single()).headers['x-many']).toBe('1, 2');
  });

  it.each([
    ['a string', () => 'héllo'],
    ['bytes', () => new TextEncoder().encode('héllo')],
    ['a Blob', () => new Blob(['hé', 'llo'])],
    [
      'an async iterable',
      () =>
        (async function* () {
          yield 'hé';
          yield new TextEncoder().encode('llo');
        })(),
    ],
    ['a Node stream', () => Readable.from([Buffer.from('hé'), Buffer.from('llo')])],
  ])('a body given as %s, read to its end', async (_kind, body) => {
    const api = new MockApi(BASE);
    api.on('POST', '/b/').reply(200, {});
    await request(`${BASE}/b/`, { method: 'POST', body: body() as never });
    expect((await api.single()).body).toBe('héllo');
  });

  it('a ReadableStream sent by fetch, read to its end', async () => {
    const api = new MockApi(BASE);
    api.on('PUT', '/s/').reply(200, {});
    const bytes = new TextEncoder().encode('streamed');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 3));
        controller.enqueue(bytes.subarray(3));
        controller.close();
      },
    });
    await fetch(`${BASE}/s/`, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect((await api.single()).body).toBe('streamed');
  });

  it("a FormData sent by fetch: the bytes under the boundary fetch's content-type names, and its parts", async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/form/').reply(200, {});
    const form = new FormData();
    form.append('name', 'n');
    form.append('file', new Blob([new Uint8Array([0, 255])], { type: 'application/octet-stream' }), 'f.bin');
    await fetch(`${BASE}/form/`, { method: 'POST', body: form });
    const req = await api.single();
    const boundary = /boundary=(.+)$/.exec(req.headers['content-type'] ?? '')?.[1];
    expect(req.body.startsWith(`--${boundary}\r\n`)).toBe(true);
    expect(req.parts).toEqual([
      { name: 'name', value: 'n', size: 1 },
      { name: 'file', filename: 'f.bin', contentType: 'application/octet-stream', value: '\u0000ÿ', size: 2 },
    ]);
  });

  it('a body that breaks fails the request with its error, and nothing is recorded', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/b/').reply(200, {});
    const broken = new Error('disk gone');
    const body = (async function* () {
      yield 'partial';
      throw broken;
    })();
    await expect(request(`${BASE}/b/`, { method: 'POST', body: body as never })).rejects.toBe(broken);
    expect(api.requests).toEqual([]);
  });
});

describe('MockApi: what it answers', () => {
  it('JSON by default; a string as text/plain; headers given are added or override', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/json/').reply(200, { a: 1 });
    api.on('GET', '/text/').reply(200, 'plain', { 'x-extra': 'e' });
    api.on('GET', '/csv/').reply(200, 'a,b', { 'content-type': 'text/csv' });
    const json = await fetch(`${BASE}/json/`);
    expect(json.headers.get('content-type')).toBe('application/json');
    expect(await json.json()).toEqual({ a: 1 });
    const text = await fetch(`${BASE}/text/`);
    expect([text.headers.get('content-type'), text.headers.get('x-extra'), await text.text()]).toEqual([
      'text/plain',
      'e',
      'plain',
    ]);
    expect((await fetch(`${BASE}/csv/`)).headers.get('content-type')).toBe('text/csv');
  });

  it('no body at all is JSON null; a 204 has an empty body', async () => {
    const api = new MockApi(BASE);
    api.on('DELETE', '/x/').reply(200);
    api.on('DELETE', '/y/').reply(204, { ignored: true });
    expect(await (await fetch(`${BASE}/x/`, { method: 'DELETE' })).text()).toBe('null');
    const empty = await fetch(`${BASE}/y/`, { method: 'DELETE' });
    expect([empty.status, await empty.text()]).toEqual([204, '']);
  });

  it('answers in the order set up, each as often as it was set up for', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/n/', 2).reply(200, 'first');
    api.on('get', '/n/').reply(200, 'then');
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push(await (await fetch(`${BASE}/n/`)).text());
    expect(bodies).toEqual(['first', 'first', 'then']);
    api.done();
  });

  it('done() names every answer not used up', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/twice/', 2).reply(200, {});
    api.on('POST', '/never/').reply(200, {});
    await fetch(`${BASE}/twice/`);
    expect(() => api.done()).toThrow(
      'Answers not used up:\nGET https://api.test/twice/ (used 1 of 2)\nPOST https://api.test/never/ (used 0 of 1)',
    );
  });

  it('a request no answer matches fails, and goes no further', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/known/').reply(200, {});
    await expect(fetch(`${BASE}/unknown/`)).rejects.toMatchObject({
      name: 'TypeError',
      cause: { name: 'MockNotMatchedError', code: 'UND_MOCK_ERR_MOCK_NOT_MATCHED' },
    });
    await expect(fetch(`${BASE}/known/`, { method: 'POST' })).rejects.toMatchObject({
      cause: { name: 'MockNotMatchedError' },
    });
    expect(api.requests).toEqual([]);
  });
});
