import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

beforeAll(blockNetwork);
afterEach(() => {
  resetNetwork();
  vi.unstubAllEnvs();
});

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
});
