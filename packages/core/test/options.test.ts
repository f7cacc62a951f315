import { MockApi, useMockNetwork } from '@synapse/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();
afterEach(() => vi.unstubAllEnvs());

function error(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('client options', () => {
  it('drops trailing slashes from baseUrl', () => {
    expect(new TestClient({ baseUrl: `${BASE}///` }).baseUrl).toBe(BASE);
  });

  it.each([
    [undefined, 'baseUrl is required'],
    ['', 'baseUrl is required'],
    ['synapse.test', 'not a valid URL'],
    ['ftp://synapse.test', 'must use http or https'],
    ['https://user:pw@synapse.test', 'must not carry credentials'],
  ])('rejects baseUrl %j', (baseUrl, message) => {
    const e = error(() => new TestClient({ baseUrl: baseUrl as string }));
    expect(e.message).toContain(message);
    expect(e.argument).toBe('baseUrl');
  });

  it.each([
    ['https://api.example/?x=1', 'must not have a query'],
    ['https://api.example?', 'must not have a query'],
    ['https://api.example/#top', 'must not have a fragment'],
    ['https://api.example#', 'must not have a fragment'],
    [' https://api.example', 'must not start or end with spaces'],
    ['https://api.example/\t', 'must not start or end with spaces'],
    ['https://api.ex\tample', 'control characters'],
  ])('rejects baseUrl %j before anything is sent', (baseUrl, message) => {
    const e = error(() => new TestClient({ baseUrl }));
    expect(e.message).toContain(message);
    expect(e.argument).toBe('baseUrl');
  });

  it('keeps the parsed base URL: scheme and host lower-cased, path as given', () => {
    expect(new TestClient({ baseUrl: 'HTTPS://API.Example.COM/Api/v1/' }).baseUrl).toBe(
      'https://api.example.com/Api/v1',
    );
  });

  it('rejects unknown options, naming them', () => {
    const e = error(() => new TestClient({ baseUrl: BASE, api_token: 'x' } as never));
    expect(e.argument).toBe('api_token');
  });

  it.each([
    [{ timeout: { connect: 0 } }, 'timeout.connect'],
    [{ timeout: { read: Number.NaN } }, 'timeout.read'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ retry: { initialDelay: -1 } }, 'retry.initialDelay'],
    [{ fetch: 'nope' }, 'fetch'],
    [{ apiToken: 42 }, 'apiToken'],
    [{ timeout: 1 }, 'timeout'],
    [{ timeout: '1' }, 'timeout'],
    [{ timeout: [1, 2] }, 'timeout'],
    [{ timeout: { conect: 5 } }, 'timeout.conect'],
    [{ timeout: { read: Infinity } }, 'timeout.read'],
    [{ timeout: { connect: '5' } }, 'timeout.connect'],
    [{ retry: 2 }, 'retry'],
    [{ retry: { initalDelay: 1 } }, 'retry.initalDelay'],
    [{ allowInsecureHttp: 'yes' }, 'allowInsecureHttp'],
    [{ apiToken: 'abc\r\nX-Evil: 1' }, 'apiToken'],
    [{ apiToken: 'abc\n' }, 'apiToken'],
    [{ tenant: 'ten\u0000ant' }, 'tenant'],
    [{ agentToken: 'tökén€' }, 'agentToken'],
    [{ authorizationToken: 'a\rb' }, 'authorizationToken'],
    [{ headers: { 'X-Trace': 'a\nb' } }, 'headers.X-Trace'],
    [{ headers: { 'X-Name': '名前' } }, 'headers.X-Name'],
    [{ headers: { 'Bad Name': 'x' } }, 'headers.Bad Name'],
    [{ headers: 'X-A: b' }, 'headers'],
  ])('rejects %j', (extra, argument) => {
    expect(error(() => new TestClient({ baseUrl: BASE, ...(extra as object) })).argument).toBe(argument);
  });

  it('sends each token in its own header, all together', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/me/').reply(200, { ok: true });
    const client = new TestClient({
      baseUrl: BASE,
      apiToken: 'access-1234',
      authorizationToken: 'auth-1234',
      tenant: 'tenant-1234',
      agentToken: 'agent-1234',
      headers: { 'X-Trace': 'abc' },
    });
    await client.call('GET', 'me/');
    const req = await api.single();
    expect(req.headers).toMatchObject({
      'synapse-access-token': 'Token access-1234',
      authorization: 'Token auth-1234',
      'synapse-tenant': 'Token tenant-1234',
      'synapse-agent': 'Token agent-1234',
      'x-trace': 'abc',
    });
  });

  it('accepts accessToken as an alias of apiToken', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/me/').reply(200, {});
    await new TestClient({ baseUrl: BASE, accessToken: TOKEN }).call('GET', 'me/');
    expect((await api.single()).headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });

  it('reads SYNAPSE_API_TOKEN, then SYNAPSE_ACCESS_TOKEN, and SYNAPSE_AGENT_TOKEN', async () => {
    vi.stubEnv('SYNAPSE_ACCESS_TOKEN', 'from-access-env');
    vi.stubEnv('SYNAPSE_AGENT_TOKEN', 'from-agent-env');
    const api = new MockApi(BASE);
    api.on('GET', '/me/', 2).reply(200, {});
    await new TestClient({ baseUrl: BASE }).call('GET', 'me/');
    vi.stubEnv('SYNAPSE_API_TOKEN', 'from-api-env');
    await new TestClient({ baseUrl: BASE }).call('GET', 'me/');
    const [first, second] = await api.all();
    expect(first?.headers).toMatchObject({
      'synapse-access-token': 'Token from-access-env',
      'synapse-agent': 'Token from-agent-env',
    });
    expect(second?.headers['synapse-access-token']).toBe('Token from-api-env');
  });

  it('an explicit option wins over the environment', async () => {
    vi.stubEnv('SYNAPSE_API_TOKEN', 'from-env');
    const api = new MockApi(BASE);
    api.on('GET', '/me/').reply(200, {});
    await new TestClient({ baseUrl: BASE, apiToken: 'explicit-token' }).call('GET', 'me/');
    expect((await api.single()).headers['synapse-access-token']).toBe('Token explicit-token');
  });

  it('sends no auth header when no token is set', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/me/').reply(200, {});
    await new TestClient({ baseUrl: BASE }).call('GET', 'me/');
    const { headers } = await api.single();
    expect(headers['synapse-access-token']).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
  });

  it('refuses a token over plain http to a remote host', () => {
    const e = error(() => new TestClient({ baseUrl: 'http://synapse.example.com', apiToken: TOKEN }));
    expect(e.message).toContain('https');
    expect(e.message).not.toContain(TOKEN);
  });

  it('allows plain http to loopback, without tokens, or with the explicit opt-out', () => {
    for (const baseUrl of ['http://localhost:8000', 'http://127.0.0.1:8000', 'http://[::1]:8000']) {
      expect(new TestClient({ baseUrl, apiToken: TOKEN }).baseUrl).toBe(baseUrl);
    }
    expect(new TestClient({ baseUrl: 'http://synapse.example.com' }).baseUrl).toBe(
      'http://synapse.example.com',
    );
    const optedOut = new TestClient({
      baseUrl: 'http://synapse.example.com',
      apiToken: TOKEN,
      allowInsecureHttp: true,
    });
    expect(optedOut.baseUrl).toBe('http://synapse.example.com');
  });

  it('resolves the documented defaults', () => {
    const settings = new TestClient({ baseUrl: BASE }).settings();
    expect(settings.timeout).toEqual({ connect: 5, read: 30 });
    expect(settings.maxRetries).toBe(3);
    expect(settings.retry).toEqual({ initialDelay: 0.5, maxDelay: 8, maxRetryAfter: 60 });
    expect(settings.allowInsecureHttp).toBe(false);
    expect(settings.headers).toEqual({});
    expect(settings.logger).toBeUndefined();
  });

  it('keeps the retry defaults it was not given, and a timeout key left undefined', () => {
    const settings = new TestClient({
      baseUrl: BASE,
      retry: { maxDelay: 2, initialDelay: undefined },
      timeout: { connect: undefined, read: 4 },
    }).settings();
    expect(settings.retry).toEqual({ initialDelay: 0.5, maxDelay: 2, maxRetryAfter: 60 });
    expect(settings.timeout).toEqual({ connect: 5, read: 4 });
  });

  it.each([
    [{ api_token: 'x' }, 'api_token', 'Unknown client option: api_token'],
    [{ maxRetries: 2.5 }, 'maxRetries', 'maxRetries must be a whole number ≥ 0'],
    [{ fetch: {} }, 'fetch', 'fetch must be a function'],
    [{ allowInsecureHttp: 1 }, 'allowInsecureHttp', 'allowInsecureHttp must be true or false'],
    [{ retry: null }, 'retry', 'retry must be { initialDelay?, maxDelay?, maxRetryAfter? } in seconds'],
    [{ retry: [] }, 'retry', 'retry must be { initialDelay?, maxDelay?, maxRetryAfter? } in seconds'],
    [
      { retry: { jitter: 1 } },
      'retry.jitter',
      'retry.jitter is unknown: retry takes initialDelay, maxDelay and maxRetryAfter',
    ],
    [{ retry: { maxDelay: '2' } }, 'retry.maxDelay', 'retry.maxDelay must be a number of seconds ≥ 0'],
    [{ retry: { maxDelay: -1 } }, 'retry.maxDelay', 'retry.maxDelay must be a number of seconds ≥ 0'],
    [{ retry: { maxDelay: Infinity } }, 'retry.maxDelay', 'retry.maxDelay must be a number of seconds ≥ 0'],
    [{ timeout: null }, 'timeout', 'timeout must be { connect?, read? } in seconds, got null'],
    [{ timeout: [1] }, 'timeout', 'timeout must be { connect?, read? } in seconds, got an array'],
    [{ timeout: { read: -1 } }, 'timeout.read', 'timeout.read must be a positive number of seconds'],
    [
      { timeout: { total: 1 } },
      'timeout.total',
      'timeout.total is unknown: timeout takes only connect and read (seconds)',
    ],
  ])('%j is refused with a message that says what is wrong', (extra, argument, message) => {
    const e = error(() => new TestClient({ baseUrl: BASE, ...(extra as object) }));
    expect(e.argument).toBe(argument);
    expect(e.message).toBe(message);
  });

  it('retry delays of 0 are allowed', () => {
    expect(new TestClient({ baseUrl: BASE, retry: { initialDelay: 0 } }).settings().retry.initialDelay).toBe(
      0,
    );
  });

  it.each([
    ['   ', 'baseUrl is required: the service URL, e.g. https://api.example.com'],
    ['https://u@api.example', 'baseUrl must not carry credentials; pass tokens as options'],
    [':bad', 'baseUrl is not a valid URL: ":bad"'],
    [
      `https://user:${'p'.repeat(8)}@[bad/${'x'.repeat(120)}?token=abc#frag`,
      `baseUrl is not a valid URL: "https://[REDACTED]@[bad/${'x'.repeat(76)}…"`,
    ],
    [`https://[bad/${'y'.repeat(87)}`, `baseUrl is not a valid URL: "https://[bad/${'y'.repeat(87)}"`],
    [`https://[bad/${'y'.repeat(88)}`, `baseUrl is not a valid URL: "https://[bad/${'y'.repeat(87)}…"`],
    ['https://[bad?a=1\nb', 'baseUrl must not contain control characters'],
    ['https://[bad?a=1', 'baseUrl is not a valid URL: "https://[bad"'],
    ['https://:pw@api.example', 'baseUrl must not carry credentials; pass tokens as options'],
  ])('baseUrl %j: %s', (baseUrl, message) => {
    const e = error(() => new TestClient({ baseUrl }));
    expect(e.message).toBe(message);
    expect(e.argument).toBe('baseUrl');
  });

  it('an empty token is no token: no header, no secret', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/me/').reply(200, {});
    await new TestClient({ baseUrl: BASE, apiToken: '', tenant: '' }).call('GET', 'me/');
    const request = await api.single();
    expect(request.headers).not.toHaveProperty('synapse-access-token');
    expect(request.headers).not.toHaveProperty('synapse-tenant');
    expect(() => new TestClient({ baseUrl: 'http://remote.example', apiToken: '' })).not.toThrow();
  });

  it('an empty SYNAPSE_API_TOKEN counts as unset, so SYNAPSE_ACCESS_TOKEN is used', async () => {
    vi.stubEnv('SYNAPSE_API_TOKEN', '');
    vi.stubEnv('SYNAPSE_ACCESS_TOKEN', 'from-access-env');
    const api = new MockApi(BASE);
    api.on('GET', '/me/').reply(200, {});
    await new TestClient({ baseUrl: BASE }).call('GET', 'me/');
    expect((await api.single()).headers['synapse-access-token']).toBe('Token from-access-env');
  });
});
