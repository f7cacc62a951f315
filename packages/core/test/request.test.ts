import { MockApi, useMockNetwork } from '@synapse/testing';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  ConflictError,
  type FetchFunction,
  isClientError,
  multipartForm,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  ValidationError,
} from '../src/internal.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

const client = () => new TestClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries: 0 });

describe('request bodies (spec §3 step 6)', () => {
  it('POST with data sends JSON with the content type, nested objects kept (behavior 30)', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/things/').reply(201, { id: 1 });
    const data = { name: 'x', meta: { a: [1, 2] } };
    expect(await client().call('POST', 'things/', { data })).toEqual({ id: 1 });
    const req = await api.single();
    expect(req.body).toBe('{"name":"x","meta":{"a":[1,2]}}');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });

  it('POST without data sends no body but the JSON content type; explicit null sends null', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/a/', 2).reply(200, {});
    await client().call('POST', 'a/');
    await client().call('POST', 'a/', { data: null });
    const [first, second] = await api.all();
    expect(first).toMatchObject({ body: '', headers: { 'content-type': 'application/json' } });
    expect(second).toMatchObject({ body: 'null', headers: { 'content-type': 'application/json' } });
  });

  it('a list body is sent as a JSON array (bulk create)', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/bulk/').reply(201, []);
    await client().call('POST', 'bulk/', { data: [{ a: 1 }, { a: 2 }] });
    expect((await api.single()).json).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('GET and DELETE carry no content type and no body', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/a/').reply(200, {});
    api.on('DELETE', '/a/').reply(204);
    await client().call('GET', 'a/');
    expect(await client().call('DELETE', 'a/')).toBe('');
    for (const req of await api.all()) {
      expect(req.headers['content-type']).toBeUndefined();
      expect(req.body).toBe('');
    }
  });

  it('files make it multipart: dict fields JSON-encoded, lists repeated, filenames (behavior 31)', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/upload/').reply(201, { id: 3 });
    const file = new File(['hello'], 'greeting.txt', { type: 'text/plain' });
    const form = await multipartForm(
      { name: 'n', meta: { k: 'v' }, tags: ['a', 'b'], flag: true, skip: null },
      { file, raw: new Uint8Array([104, 105]) },
    );
    await client().call('POST', 'upload/', { form });
    const req = await api.single();
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.parts).toEqual([
      { name: 'name', value: 'n', size: 1 },
      { name: 'meta', value: '{"k":"v"}', size: 9 },
      { name: 'tags', value: 'a', size: 1 },
      { name: 'tags', value: 'b', size: 1 },
      { name: 'flag', value: 'True', size: 4 },
      expect.objectContaining({ name: 'file', filename: 'greeting.txt', value: 'hello' }),
      expect.objectContaining({ name: 'raw', filename: 'raw', value: 'hi' }),
    ]);
  });

  it('form fields must be an object: ValidationError, nothing sent', async () => {
    const api = new MockApi(BASE);
    const fields = await multipartForm(['a'], { file: new Uint8Array(1) }).catch((e: unknown) => e);
    expect(fields).toBeInstanceOf(ValidationError);
    expect(fields).toMatchObject({
      argument: 'data',
      message: 'form fields sent with files must be an object',
    });
    expect(await api.all()).toEqual([]);
  });
});

describe('responses (spec §3 step 9)', () => {
  it('returns the text of a non-JSON 200 (behavior 28) and "" for an empty body', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/text/').reply(200, 'plain words');
    api.on('GET', '/empty/').reply(204);
    expect(await client().call('GET', 'text/')).toBe('plain words');
    expect(await client().call('GET', 'empty/')).toBe('');
    expect(await api.all()).toHaveLength(2);
  });
});

describe('errors (behavior 27)', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [410, ClientError],
  ])('status %i → %o', async (status, type) => {
    const api = new MockApi(BASE);
    api.on('GET', '/x/').reply(status, { detail: 'no' });
    const error = await client()
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(ClientError);
    expect(isClientError(error)).toBe(true);
    const e = error as ClientError;
    expect(e.status).toBe(status);
    expect(e.statusCode).toBe(status);
    expect(e.body).toEqual({ detail: 'no' });
    expect(e.method).toBe('GET');
    expect(e.url).toBe(`${BASE}/x/`);
    expect(e.clientName).toBe('Backend');
    expect((await api.single()).path).toBe('/x/');
  });

  it('reason is the parsed body for 400 and the reason phrase otherwise', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/bad/').reply(400, { detail: 'bad' });
    api.on('GET', '/missing/').reply(404, { detail: 'Not found.' });
    const bad = (await client()
      .call('GET', 'bad/')
      .catch((e: unknown) => e)) as ClientError;
    const missing = (await client()
      .call('GET', 'missing/')
      .catch((e: unknown) => e)) as ClientError;
    expect(bad.reason).toEqual({ detail: 'bad' });
    expect(bad.message).toContain('"detail":"bad"');
    expect(missing.reason).toBe('Not Found');
    expect(missing.message).toBe(`Backend GET ${BASE}/missing/: 404 Not Found {"detail":"Not found."}`);
    expect(await api.all()).toHaveLength(2);
  });

  it('a non-JSON 400 keeps its text as reason (Python would crash decoding it)', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/bad/').reply(400, 'Bad things');
    const e = (await client()
      .call('GET', 'bad/')
      .catch((x: unknown) => x)) as ClientError;
    expect(e.reason).toBe('Bad things');
    expect((await api.single()).method).toBe('GET');
  });

  it('429 exposes retryAfter', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/slow/').reply(429, { detail: 'slow down' }, { 'Retry-After': '7' });
    const e = (await client()
      .call('GET', 'slow/')
      .catch((x: unknown) => x)) as RateLimitError;
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.retryAfter).toBe(7);
    expect(e.headers['retry-after']).toBe('7');
    expect((await api.single()).method).toBe('GET');
  });

  it('the brand check works for an error from another copy of the package', () => {
    const foreign = Object.defineProperty(new Error('x'), Symbol.for('@synapse/sdk.error'), {
      value: 'client',
    });
    expect(isClientError(foreign)).toBe(true);
    expect(isClientError(new Error('x'))).toBe(false);
    expect(isClientError(null)).toBe(false);
  });

  it('toJSON carries status, reason, method, url and body', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/x/').reply(404, { detail: 'Not found.' });
    const e = (await client()
      .call('GET', 'x/')
      .catch((x: unknown) => x)) as ClientError;
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'NotFoundError',
      message: `Backend GET ${BASE}/x/: 404 Not Found {"detail":"Not found."}`,
      status: 404,
      reason: 'Not Found',
      method: 'GET',
      url: `${BASE}/x/`,
      body: { detail: 'Not found.' },
    });
    expect((await api.single()).method).toBe('GET');
  });
});

describe('what a call sends', () => {
  it("a call's header replaces the client's, the auth's and the body's of the same name whatever its case", async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/things/').reply(201, { id: 1 });
    const loaded = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      headers: { 'X-Trace': 'client' },
      maxRetries: 0,
    });
    const headers = {
      'x-trace': 'call',
      'SYNAPSE-ACCESS-TOKEN': 'Token other-token-9a7b',
      'content-type': 'text/plain',
    };
    expect(await loaded.call('POST', 'things/', { data: { a: 1 }, headers })).toEqual({ id: 1 });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', path: '/things/', search: '', body: '{"a":1}' });
    expect(req.headers).toMatchObject({
      'x-trace': 'call',
      'synapse-access-token': 'Token other-token-9a7b',
      'content-type': 'text/plain',
    });
  });

  it('PATCH with data sends JSON, like POST and PUT', async () => {
    const api = new MockApi(BASE);
    api.on('PATCH', '/things/1/').reply(200, { id: 1, name: 'y' });
    expect(await client().call('PATCH', 'things/1/', { data: { name: 'y' } })).toEqual({ id: 1, name: 'y' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'PATCH', path: '/things/1/', body: '{"name":"y"}' });
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });

  it("an anonymous call sends the client's and the call's plain headers and the body, and no credential", async () => {
    const api = new MockApi(BASE);
    api.on('PUT', '/blob/').reply(200, {});
    const loaded = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      headers: { 'X-Trace': 't-1', Authorization: 'Bearer bearer-3c1a' },
      maxRetries: 0,
    });
    const headers = { 'X-Call': 'c-2', Cookie: 'session=c00k1e' };
    await loaded.call('PUT', 'blob/', { anonymous: true, data: { a: 1 }, headers });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'PUT', json: { a: 1 } });
    expect(req.headers).toMatchObject({
      'x-trace': 't-1',
      'x-call': 'c-2',
      'content-type': 'application/json',
    });
    for (const name of ['synapse-access-token', 'authorization', 'cookie'])
      expect(req.headers).not.toHaveProperty(name);
  });

  it('a client without credentials calls a plain-http host without complaint', async () => {
    const base = 'http://synapse.test';
    const api = new MockApi(base);
    api.on('GET', '/public/', 2).reply(200, { open: true });
    const plain = new TestClient({ baseUrl: base, maxRetries: 0 });
    expect(await plain.call('GET', 'public/')).toEqual({ open: true });
    expect(await plain.call('GET', 'public/', { headers: { 'X-Trace': 't' } })).toEqual({ open: true });
    expect((await api.all()).map((r) => r.headers['x-trace'])).toEqual([undefined, 't']);
    const error = await plain
      .call('GET', 'public/', { headers: { Authorization: 'Bearer b-1' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'options.headers' });
  });

  it('a call whose signal has already fired is not handed to fetch at all', async () => {
    const fetch = vi.fn<FetchFunction>(async () => new Response('{}'));
    const reason = new Error('too late');
    const error = await new TestClient({ baseUrl: BASE, apiToken: TOKEN, fetch })
      .call('GET', 'x/', { signal: AbortSignal.abort(reason) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: `Backend GET ${BASE}/x/ was aborted`, cause: reason });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a redirect whose reply has no body (a HEAD) is followed', async () => {
    const fetch = vi.fn<FetchFunction>(async (input) =>
      String(input).endsWith('/old/')
        ? new Response(null, { status: 301, headers: { location: '/new/' } })
        : new Response(null, { status: 200 }),
    );
    expect(await new TestClient({ baseUrl: BASE, fetch }).call('HEAD', 'old/')).toBe('');
    expect(fetch.mock.calls.map(([input, init]) => `${init?.method} ${String(input)}`)).toEqual([
      `HEAD ${BASE}/old/`,
      `HEAD ${BASE}/new/`,
    ]);
  });
});

describe('what a call logs', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('each attempt, each reply, each failure and each wait, with the credentials masked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const replies = [
      async () => new Response('{}', { status: 503 }),
      async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
        });
      },
      async () => new Response('{"ok": true}'),
    ];
    const fetch = vi.fn<FetchFunction>(() => (replies.shift() as () => Promise<Response>)());
    const lines: unknown[][] = [];
    const logged = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      fetch,
      maxRetries: 3,
      retry: { initialDelay: 0.001, maxDelay: 0.002 },
      logger: { debug: (...args: unknown[]) => lines.push(args) },
    });
    expect(await logged.call('GET', 'r/')).toEqual({ ok: true });
    const url = `${BASE}/r/`;
    const headers = { 'Synapse-Access-Token': '[REDACTED]' };
    expect(lines).toStrictEqual([
      [`→ GET ${url}`, { attempt: 0, headers: expect.objectContaining(headers) }],
      [`← 503 GET ${url} (0 ms)`],
      [`retrying GET ${url} in 1 ms (retry 1/3)`],
      [`→ GET ${url}`, { attempt: 1, headers: expect.objectContaining(headers) }],
      [`✗ GET ${url}: Backend connection error: read ECONNRESET (GET ${url})`],
      [`retrying GET ${url} in 2 ms (retry 2/3)`],
      [`→ GET ${url}`, { attempt: 2, headers: expect.objectContaining(headers) }],
      [`← 200 GET ${url} (0 ms)`],
    ]);
  });
});

describe('responses that do not match their schema', () => {
  it('are a ResponseValidationError naming the request and the field, not the value', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/things/1/').reply(200, { id: 'one' });
    const error = await client()
      .call('GET', 'things/1/', { schema: v.object({ id: v.number() }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({
      message: `The response of GET ${BASE}/things/1/ does not match its schema: id: expected number`,
      method: 'GET',
      url: `${BASE}/things/1/`,
      path: 'id',
    });
    expect((await api.single()).path).toBe('/things/1/');
  });
});

describe('error messages quote what the server said', () => {
  it.each([
    [
      'the last line of a traceback',
      'Traceback (most recent call last):\n  File "v.py", line 3\n    KeyError: \'name\'\n',
      " KeyError: 'name'",
    ],
    ['a one-line text', 'database is down', ' database is down'],
    ['nothing for an empty body', '', ''],
    ['nothing for an HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>', ''],
  ])('%s', async (_, body, detail) => {
    const api = new MockApi(BASE);
    api.on('GET', '/x/').reply(500, body);
    const error = await client()
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toBe(`Backend GET ${BASE}/x/: 500 Internal Server Error${detail}`);
    expect(error).toMatchObject({ body, reason: 'Internal Server Error' });
  });

  it('at most 300 characters of it', async () => {
    const api = new MockApi(BASE);
    const body = { detail: 'x'.repeat(1000) };
    api.on('GET', '/x/').reply(409, body);
    const error = await client()
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Backend GET ${BASE}/x/: 409 Conflict ${JSON.stringify(body).slice(0, 300)}`,
    );
    expect(error).toMatchObject({ body });
  });

  it('with the standard reason phrase when the reply carries none (HTTP/2)', async () => {
    const fetch = vi.fn<FetchFunction>(async () => new Response('{"detail": "busy"}', { status: 503 }));
    const error = await new TestClient({ baseUrl: BASE, fetch, maxRetries: 0 })
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, reason: 'Service Unavailable' });
    expect((error as Error).message).toBe(
      `Backend GET ${BASE}/x/: 503 Service Unavailable {"detail":"busy"}`,
    );
  });
});

describe('request methods', () => {
  it.each(['', 'FETCH', 'CONNECT', 'GET '])(
    'refuses the method %j before anything is sent',
    async (method) => {
      const fetch = vi.fn<FetchFunction>();
      const error = await new TestClient({ baseUrl: BASE, apiToken: TOKEN, fetch })
        .call(method, 'a/')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        argument: 'method',
        message: `Unknown HTTP method ${JSON.stringify(method.toUpperCase())}`,
      });
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it.each(['get', 'post', 'put', 'patch', 'delete', 'options'])('sends %s upper-cased', async (method) => {
    const api = new MockApi(BASE);
    api.on(method.toUpperCase(), '/a/').reply(200, {});
    expect(await client().call(method, 'a/')).toEqual({});
    expect((await api.single()).method).toBe(method.toUpperCase());
  });
});
