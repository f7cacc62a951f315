import { MockApi, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import {
  type CallOptions,
  type ClientOptions,
  ConnectionError,
  type FirstPageOnly,
  type ListOptions,
  type QueryParams,
  readLines,
  ValidationError,
} from '../src/internal.js';
import { localServer } from './helpers/local-server.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('client options', () => {
  it.each([
    ['null', null],
    ['a URL string', 'https://synapse.test'],
    ['nothing', undefined],
  ])('%s is not an options object', (_, options) => {
    expect(() => new TestClient(options as never)).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        message: 'Client options must be an object with at least baseUrl',
        argument: 'options',
      }),
    );
  });

  it('a client that holds a secret refuses plain http to a remote host, though it sends no auth header', () => {
    class TailClient extends TestClient {
      constructor(options: ClientOptions) {
        super(options, { auth: () => ({ headers: {}, secrets: ['tail-secret-1234'] }) });
      }
    }
    expect(() => new TailClient({ baseUrl: 'http://synapse.example' })).toThrow(
      expect.objectContaining({ name: 'ValidationError', argument: 'baseUrl' }),
    );
    expect(new TailClient({ baseUrl: 'https://synapse.example' }).baseUrl).toBe('https://synapse.example');
    expect(new TestClient({ baseUrl: 'http://synapse.example' }).baseUrl).toBe('http://synapse.example');
  });
});

describe('call options', () => {
  const client = () => new TestClient({ baseUrl: BASE, apiToken: TOKEN });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'fast'],
  ])('%s is not an options object', async (_, options) => {
    const api = new MockApi(BASE);
    const error = await rejection(client().call('GET', 'x/', options as never));
    expect(error).toMatchObject({ message: 'options must be an object', argument: 'options' });
    expect(api.requests).toEqual([]);
  });

  it.each([
    ['a body', { data: { a: 1 } }, 'data'],
    ['a form', { form: { a: 1 } }, 'form'],
    ['a schema', { schema: {} }, 'schema'],
    ['an unread reply', { stream: true }, 'stream'],
    ['query params', { params: { a: 1 } }, 'params'],
    ['secrets', { secrets: ['s'] }, 'secrets'],
    ['no credentials', { anonymous: true }, 'anonymous'],
  ])(
    "%s is the method's to give, not its caller's: refused before anything is sent",
    async (_, options, key) => {
      const api = new MockApi(BASE);
      const error = await rejection(client().getItem('items/1/', options as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ message: `Unknown option: ${key}`, argument: `options.${key}` });
      expect(api.requests).toEqual([]);
    },
  );

  it("a method's own schema applies whatever its caller passed", async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/items/1/').reply(200, { id: 1, extra: 'kept' });
    const signal = new AbortController().signal;
    const headers = { 'X-Trace': 't' };
    expect(
      await client().getItem('items/1/', { signal, headers, maxRetries: 0, timeout: { read: 5 } }),
    ).toEqual({
      id: 1,
      extra: 'kept',
    });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/items/1/', search: '', body: '' });
    expect(req.headers).toMatchObject({ 'x-trace': 't', 'synapse-access-token': `Token ${TOKEN}` });
    api.on('GET', '/items/2/').reply(200, { id: 'two' });
    await expect(client().getItem('items/2/')).rejects.toThrow(/does not match its schema/);
  });

  it.each([
    [
      'a negative maxRetries',
      { maxRetries: -1 },
      'options.maxRetries',
      'options.maxRetries must be a whole number ≥ 0',
    ],
    ['an option meant for streams', { idleTimeout: 5 }, 'options.idleTimeout', 'Unknown option: idleTimeout'],
    ['an index key', { 1: 'x' }, 'options.1', 'Unknown option: 1'],
    [
      'a header that is null',
      { headers: { 'X-A': null } },
      'options.headers.X-A',
      'options.headers.X-A must be a string, got null',
    ],
    [
      'a header that is an array',
      { headers: { 'X-A': ['b'] } },
      'options.headers.X-A',
      'must be a string, got an array',
    ],
    [
      'a header that is a number',
      { headers: { 'X-A': 1 } },
      'options.headers.X-A',
      'must be a string, got number',
    ],
    [
      'a timeout that is an array',
      { timeout: [1] },
      'options.timeout',
      'must be { connect?, read? } in seconds, got an array',
    ],
  ])('rejects %s before any request', async (_, options, argument, message) => {
    const api = new MockApi(BASE);
    const error = await rejection(client().call('POST', 'x/', options as never));
    expect(error.argument).toBe(argument);
    expect(error.message).toContain(message);
    expect(api.requests).toEqual([]);
  });

  it('trailingSlash is a call option of the client methods', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/jobs/').reply(200, { ok: true });
    expect(await client().call('GET', 'jobs', { trailingSlash: true })).toEqual({ ok: true });
    expect((await api.single()).path).toBe('/jobs/');
  });
});

describe('requestStream', () => {
  class StreamClient extends TestClient {
    async *stream(path: string, options: CallOptions & { idleTimeout?: number } = {}, secrets?: string[]) {
      const { response, read } = await this.requestStream('get', path, options, { secrets });
      yield* readLines(response, read);
    }
  }

  async function drain(lines: AsyncIterable<string>) {
    const seen: string[] = [];
    for await (const line of lines) seen.push(line);
    return seen;
  }

  it.each([0, -1, Number.NaN, '5'])(
    'rejects an idleTimeout of %s before any request',
    async (idleTimeout) => {
      const api = new MockApi(BASE);
      const client = new StreamClient({ baseUrl: BASE, apiToken: TOKEN });
      const error = await rejection(drain(client.stream('logs/', { idleTimeout: idleTimeout as number })));
      expect(error).toMatchObject({
        argument: 'options.idleTimeout',
        message: 'options.idleTimeout must be a positive number of seconds',
      });
      expect(api.requests).toEqual([]);
    },
  );

  it("a stream that breaks is the error of the call's method and URL, without the call's secrets", async () => {
    const server = await localServer((req, res) => {
      res.writeHead(200);
      res.write('one\n');
      setTimeout(() => req.socket.destroy(), 20);
    });
    try {
      const client = new StreamClient({ baseUrl: server.url, maxRetries: 0 });
      const error = await drain(client.stream('logs/key-8f2e/', {}, ['key-8f2e'])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ method: 'GET', url: `${server.url}/logs/[REDACTED]/` });
      expect((error as Error).message).not.toContain('key-8f2e');
    } finally {
      await server.close();
    }
  });
});

describe('list without per-method defaults', () => {
  class PlainListClient extends TestClient {
    things<O extends ListOptions = FirstPageOnly>(params?: QueryParams, options?: O) {
      return this.list<unknown, O>('things/', params, options);
    }
  }

  it('converts no field: the method names none', async () => {
    const api = new MockApi(BASE);
    const page = {
      count: 1,
      next: null,
      previous: null,
      results: [{ files: { a: 'https://media.test/a.png' } }],
    };
    api.on('GET', '/things/').reply(200, page);
    const client = new PlainListClient({ baseUrl: BASE, apiToken: TOKEN });
    expect(await client.things(undefined, { urlConversion: true })).toEqual(page);
    expect(await api.all()).toHaveLength(1);
  });
});
