import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ClientError,
  ConflictError,
  isClientError,
  multipartForm,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

const client = () => new TestClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries: 0 });

describe('request bodies (spec §3 step 6)', () => {
  it('POST with data sends JSON with the content type, nested objects kept (behavior 30)', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/things/').reply(201, { id: 1 });
    const data = { name: 'x', meta: { a: [1, 2] } };
    expect(await client().call('POST', 'things/', { data })).toEqual({ id: 1 });
    const req = await api.single();
    expect(req.body).toBe('{"name": "x", "meta": {"a": [1, 2]}}');
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
      { name: 'meta', value: '{"k": "v"}', size: 10 },
      { name: 'tags', value: 'a', size: 1 },
      { name: 'tags', value: 'b', size: 1 },
      { name: 'flag', value: 'True', size: 4 },
      expect.objectContaining({ name: 'file', filename: 'greeting.txt', value: 'hello' }),
      expect.objectContaining({ name: 'raw', filename: 'raw', value: 'hi' }),
    ]);
  });

  it('form fields must be an object, and a form option must be a form: ValidationError, nothing sent', async () => {
    const api = new MockApi(BASE);
    const fields = await multipartForm(['a'], { file: new Uint8Array(1) }).catch((e: unknown) => e);
    expect(fields).toBeInstanceOf(ValidationError);
    expect(fields).toMatchObject({
      argument: 'data',
      message: 'form fields sent with files must be an object',
    });
    const form = await client()
      .call('POST', 'upload/', { form: { file: 'x' } as never })
      .catch((e: unknown) => e);
    expect(form).toBeInstanceOf(ValidationError);
    expect(form).toMatchObject({ argument: 'options.form' });
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
