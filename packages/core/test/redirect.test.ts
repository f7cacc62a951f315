import { MockApi, networkRequests, useMockNetwork } from '@synapse/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  ClientError,
  type FetchFunction,
  multipartForm,
  NotFoundError,
  ValidationError,
} from '../src/internal.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

const client = (extra: object = {}) =>
  new TestClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries: 0, ...extra });
const failure = (pending: Promise<unknown>) =>
  pending.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

describe('which replies are redirects', () => {
  it('a 201 with a Location is the answer, not a redirect', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/things/').reply(201, { id: 4 }, { location: `${BASE}/things/4/` });
    expect(await client().call('POST', 'things/', { data: { name: 'x' } })).toEqual({ id: 4 });
    expect(await api.single()).toMatchObject({ method: 'POST', path: '/things/', json: { name: 'x' } });
  });

  it('a 302 without a Location is an error reply, not a redirect', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/x/').reply(302, '');
    const error = await failure(client().call('GET', 'x/'));
    expect(error).toMatchObject({ status: 302, reason: 'Found' });
    expect((error as Error).message).toBe(`Backend GET ${BASE}/x/: 302 Found`);
  });

  it('an opaque redirect (a browser will not say where to) is refused with a 302', async () => {
    const opaque = Object.defineProperties(new Response(null), {
      type: { value: 'opaqueredirect' },
      status: { value: 0 },
      ok: { value: false },
    });
    const fetch = vi.fn<FetchFunction>(async () => opaque);
    const error = await failure(client({ fetch }).call('GET', 'files/7/'));
    expect(error).toBeInstanceOf(ClientError);
    const why = 'this runtime does not say where to; call the final URL directly';
    expect(error).toMatchObject({
      status: 302,
      method: 'GET',
      url: `${BASE}/files/7/`,
      clientName: 'Backend',
      reason: `Redirect not followed: ${why}`,
    });
    expect((error as Error).message).toBe(`Backend GET ${BASE}/files/7/: 302 redirect not followed: ${why}`);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('the method and body after a redirect', () => {
  it.each([
    ['POST', 301, 'GET'],
    ['POST', 302, 'GET'],
    ['POST', 303, 'GET'],
    ['PUT', 303, 'GET'],
    ['PATCH', 303, 'GET'],
    ['PUT', 301, 'PUT'],
    ['PUT', 302, 'PUT'],
    ['PATCH', 302, 'PATCH'],
    ['POST', 307, 'POST'],
    ['POST', 308, 'POST'],
  ])('%s answered %i goes on as %s', async (method, status, next) => {
    const api = new MockApi(BASE);
    api.on(method, '/old/').reply(status, '', { location: '/new/' });
    api.on(next, '/new/').reply(200, { done: true });
    expect(await client().call(method, 'old/', { data: { a: 1 } })).toEqual({ done: true });
    const [first, second] = await api.all();
    expect(first).toMatchObject({ method, path: '/old/', json: { a: 1 } });
    expect(second?.method).toBe(next);
    expect(second?.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
    if (next === 'GET') {
      expect(second?.body).toBe('');
      expect(second?.headers).not.toHaveProperty('content-type');
    } else {
      expect(second?.json).toEqual({ a: 1 });
      expect(second?.headers['content-type']).toBe('application/json');
    }
  });

  it('HEAD answered 303 stays HEAD', async () => {
    const api = new MockApi(BASE);
    api.on('HEAD', '/old/').reply(303, '', { location: '/new/' });
    api.on('HEAD', '/new/').reply(200, '');
    await client().call('HEAD', 'old/');
    expect((await api.all()).map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /old/', 'HEAD /new/']);
  });

  it('an error after a 303 names the GET it was', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/jobs/').reply(303, '', { location: '/jobs/5/' });
    api.on('GET', '/jobs/5/').reply(404, { detail: 'Not found.' });
    const error = await failure(client().call('POST', 'jobs/', { data: {} }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ method: 'GET', url: `${BASE}/jobs/5/` });
    expect((error as Error).message).toBe(
      `Backend GET ${BASE}/jobs/5/: 404 Not Found {"detail":"Not found."}`,
    );
  });

  it('the GET after a 303 drops the headers that described the body, and keeps the others', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/upload/').reply(303, '', { location: '/upload/1/' });
    api.on('GET', '/upload/1/').reply(200, { id: 1 });
    const form = await multipartForm({ name: 'n' }, { file: new Uint8Array([1, 2, 3]) });
    const headers = { 'Content-Range': 'bytes 0-2/3', 'X-Upload-Content-Type': 'text/plain', 'X-Trace': 't' };
    await client().call('POST', 'upload/', { form, headers });
    const [post, get] = await api.all();
    expect(post?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(post?.headers['content-range']).toBe('bytes 0-2/3');
    expect(get?.headers).toMatchObject({ 'x-upload-content-type': 'text/plain', 'x-trace': 't' });
    for (const name of ['content-type', 'content-length', 'content-range'])
      expect(get?.headers).not.toHaveProperty(name);
  });

  it('a form whose file is a one-shot stream is sent again after a 307, its bytes read afresh', async () => {
    const api = new MockApi(BASE);
    api.on('PUT', '/blob/').reply(307, '', { location: '/blob/2/' });
    api.on('PUT', '/blob/2/').reply(200, { stored: true });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('bytes'));
        controller.close();
      },
    });
    const form = await multipartForm(undefined, { file: { content: stream, size: 5, filename: 'b.bin' } });
    expect(await client().call('PUT', 'blob/', { form })).toEqual({ stored: true });
    const sent = await api.all();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /blob/', 'PUT /blob/2/']);
    for (const request of sent) {
      expect(request.parts).toEqual([
        expect.objectContaining({ name: 'file', filename: 'b.bin', value: 'bytes' }),
      ]);
      expect(request.headers).toMatchObject({ 'synapse-access-token': `Token ${TOKEN}` });
    }
  });
});

describe('where a redirect may lead', () => {
  it.each([
    ['ftp://files.other.test/x', 'ftp:'],
    ['file:///etc/passwd', 'file:'],
    ['javascript:alert(1)', 'javascript:'],
  ])('to %s: refused with the status of the reply', async (location, protocol) => {
    const api = new MockApi(BASE);
    api.on('GET', '/x/').reply(301, '', { location });
    const error = await failure(client().call('GET', 'x/'));
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      status: 301,
      reason: `Redirect not followed: it leads to a ${protocol} URL`,
    });
    expect((error as Error).message).toBe(
      `Backend GET ${BASE}/x/: 301 redirect not followed: it leads to a ${protocol} URL`,
    );
    expect(await api.all()).toHaveLength(1);
  });

  it('from plain http to plain http on another host: followed, without credentials', async () => {
    const base = 'http://127.0.0.1:8765';
    const api = new MockApi(base);
    const other = new MockApi('http://files.other.test');
    api.on('GET', '/x/').reply(302, '', { location: 'http://files.other.test/blob' });
    other.on('GET', '/blob').reply(200, 'data');
    const local = new TestClient({ baseUrl: base, apiToken: TOKEN, maxRetries: 0 });
    expect(await local.call('GET', 'x/')).toBe('data');
    expect((await api.single()).headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
    expect((await other.single()).headers).not.toHaveProperty('synapse-access-token');
  });

  describe('to a trusted origin on plain http', () => {
    const base = 'http://127.0.0.1:8765';
    const trusted = 'http://files.other.test';
    const local = () => new TestClient({ baseUrl: base, trustedOrigins: [trusted], maxRetries: 0 });

    it('with a credential: refused before anything is sent there', async () => {
      const api = new MockApi(base);
      api.on('GET', '/x/').reply(302, '', { location: `${trusted}/blob` });
      const headers = { Authorization: 'Bearer secret-4a1b', 'X-Trace': 't' };
      const error = await failure(local().call('GET', 'x/', { headers }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ argument: 'redirect' });
      expect((error as Error).message).toContain('plain http:// to files.other.test (redirect)');
      expect((await api.single()).headers.authorization).toBe('Bearer secret-4a1b');
      expect(networkRequests().filter((r) => r.url.startsWith(trusted))).toEqual([]);
    });

    it('without one: followed', async () => {
      const api = new MockApi(base);
      const other = new MockApi(trusted);
      api.on('GET', '/x/').reply(302, '', { location: `${trusted}/blob` });
      other.on('GET', '/blob').reply(200, 'data');
      expect(await local().call('GET', 'x/', { headers: { 'X-Trace': 't' } })).toBe('data');
      expect((await other.single()).headers['x-trace']).toBe('t');
    });
  });
});
