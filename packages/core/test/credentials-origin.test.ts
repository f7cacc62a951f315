import { MockApi, networkRequests, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { ClientError, ProtocolError, ValidationError } from '../src/index.js';
import { localServer } from './helpers/local-server.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

const OTHER = 'https://files.other.test';
const CREDENTIAL_HEADERS = [
  'synapse-access-token',
  'synapse-tenant',
  'synapse-agent',
  'authorization',
  'x-api-token',
  'cookie',
];

/** A client that carries every kind of credential: its own tokens and credential headers given as options. */
function loadedClient(extra: object = {}) {
  return new TestClient({
    baseUrl: BASE,
    apiToken: TOKEN,
    tenant: 'tenant-9d2c',
    agentToken: 'agent-71fe',
    headers: {
      Authorization: 'Bearer bearer-3c1a',
      'X-Api-Token': 'api-6b0e',
      Cookie: 'session=c00k1e',
      'X-Trace': 't-1',
    },
    maxRetries: 0,
    ...extra,
  });
}

function expectAllCredentials(headers: Record<string, string>) {
  expect(headers).toMatchObject({
    'synapse-access-token': `Token ${TOKEN}`,
    'synapse-tenant': 'Token tenant-9d2c',
    'synapse-agent': 'Token agent-71fe',
    authorization: 'Bearer bearer-3c1a',
    'x-api-token': 'api-6b0e',
    cookie: 'session=c00k1e',
    'x-trace': 't-1',
  });
}

describe('redirects', () => {
  it('to another origin: followed without any credential header', async () => {
    const api = new MockApi(BASE);
    const other = new MockApi(OTHER);
    api.on('GET', '/files/7/').reply(302, '', { location: `${OTHER}/blob/7?sig=abc` });
    other.on('GET', '/blob/7').reply(200, { ok: true });
    await expect(loadedClient().call('GET', 'files/7/', { params: { v: 2 } })).resolves.toEqual({ ok: true });
    const [first] = await api.all();
    expect(first).toMatchObject({ method: 'GET', path: '/files/7/', search: 'v=2' });
    expectAllCredentials(first?.headers ?? {});
    const [second] = await other.all();
    expect(second).toMatchObject({ method: 'GET', path: '/blob/7', search: 'sig=abc' });
    for (const name of CREDENTIAL_HEADERS) expect(second?.headers).not.toHaveProperty(name);
    expect(second?.headers['x-trace']).toBe('t-1');
  });

  it('on the same origin, and to a trusted origin: followed with credentials', async () => {
    const api = new MockApi(BASE);
    const other = new MockApi(OTHER);
    api.on('GET', '/a').reply(301, '', { location: '/a/' });
    api.on('GET', '/a/').reply(307, '', { location: `${OTHER}/b/` });
    other.on('GET', '/b/').reply(200, [1, 2]);
    const client = loadedClient({ trustedOrigins: [OTHER] });
    await expect(client.call('GET', 'a')).resolves.toEqual([1, 2]);
    const own = await api.all();
    expect(own.map((r) => r.path)).toEqual(['/a', '/a/']);
    for (const request of [...own, ...(await other.all())]) expectAllCredentials(request.headers);
  });

  it('307 keeps the method and body; 303 turns a POST into a GET without a body', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/jobs/').reply(307, '', { location: '/v2/jobs/' });
    api.on('POST', '/v2/jobs/').reply(303, '', { location: '/v2/jobs/5/' });
    api.on('GET', '/v2/jobs/5/').reply(200, { id: 5 });
    await expect(loadedClient().call('POST', 'jobs/', { data: { name: 'x' } })).resolves.toEqual({ id: 5 });
    const [post, again, get] = await api.all();
    expect(post?.json).toEqual({ name: 'x' });
    expect(again).toMatchObject({ method: 'POST', path: '/v2/jobs/', json: { name: 'x' } });
    expect(again?.headers['content-type']).toBe('application/json');
    expect(get).toMatchObject({ method: 'GET', path: '/v2/jobs/5/', body: '' });
    expect(get?.headers).not.toHaveProperty('content-type');
    expectAllCredentials(get?.headers ?? {});
  });

  it('from https to plain http on another host: refused, nothing sent there', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/x/').reply(302, '', { location: 'http://files.other.test/x' });
    const error = await loadedClient()
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ status: 302, method: 'GET', url: `${BASE}/x/` });
    expect((error as Error).message).toContain('from https to plain http (files.other.test)');
    expect(networkRequests().filter((r) => r.url.startsWith('http://files.other.test'))).toEqual([]);
    expect(await api.all()).toHaveLength(1);
  });

  it('a Location that is not a URL is an error naming the redirect', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/x/').reply(302, '', { location: 'http://[::bad' });
    const error = await loadedClient()
      .call('GET', 'x/')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ status: 302, reason: 'Redirect not followed: its Location is not a URL' });
    expect(await api.all()).toHaveLength(1);
  });

  it('more than 20 hops is an error, not a loop', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/loop/', 25).reply(302, '', { location: '/loop/' });
    const error = await loadedClient()
      .call('GET', 'loop/')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 302 });
    expect((error as Error).message).toContain('more than 20 redirects');
    expect(await api.all()).toHaveLength(21);
  });
});

describe('URLs the server hands back', () => {
  it("listAll follows a next link that names an internal host or http:// on the client's own origin", async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/sdk/tasks/').reply(200, {
      count: 3,
      next: 'http://backend-7f9c:8000/sdk/tasks/?page=2&page_size=100',
      previous: null,
      results: [1],
    });
    api.on('GET', '/sdk/tasks/').reply(200, {
      count: 3,
      next: 'http://synapse.test/sdk/tasks/?page=3&page_size=100',
      previous: null,
      results: [2],
    });
    api.on('GET', '/sdk/tasks/').reply(200, { count: 3, next: null, previous: null, results: [3] });
    const all = await new TestClient({ baseUrl: BASE, apiToken: TOKEN }).listPath(
      'sdk/tasks/',
      { project: 4 },
      { listAll: true },
    );
    await expect(all.toArray()).resolves.toEqual([1, 2, 3]);
    const requests = await api.all();
    expect(requests.map((r) => r.search)).toEqual([
      'project=4&page_size=100',
      'page=2&page_size=100',
      'page=3&page_size=100',
    ]);
    for (const request of requests) expect(request.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });

  it('a next link that is not a URL is an error, not a TypeError', async () => {
    const api = new MockApi(BASE);
    api
      .on('GET', '/items/')
      .reply(200, { count: 2, next: 'http://[::bad/items/?page=2', previous: null, results: ['a'] });
    const all = await new TestClient({ baseUrl: BASE, apiToken: TOKEN }).listPath('items/', undefined, {
      listAll: true,
    });
    const error = await all.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ status: 500, reason: 'Invalid reply' });
    expect((await api.all()).map((r) => r.search)).toEqual(['page_size=100']);
  });

  it('a next link on a trusted origin is kept there', async () => {
    const api = new MockApi(BASE);
    const other = new MockApi(OTHER);
    api
      .on('GET', '/items/')
      .reply(200, { count: 2, next: `${OTHER}/items/?page=2`, previous: null, results: ['a'] });
    other.on('GET', '/items/').reply(200, { count: 2, next: null, previous: null, results: ['b'] });
    const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN, trustedOrigins: [OTHER] });
    const all = await client.listPath('items/', undefined, { listAll: true });
    await expect(all.toArray()).resolves.toEqual(['a', 'b']);
    const [page2] = await other.all();
    expect(page2).toMatchObject({ path: '/items/', search: 'page=2' });
    expect(page2?.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });

  it('an absolute URL on another origin with credentials is refused before anything is sent', async () => {
    const error = await loadedClient()
      .call('GET', `${OTHER}/steal/`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'url' });
    expect((error as Error).message).toContain(`Refusing to send credentials to ${OTHER}`);
    expect(networkRequests()).toEqual([]);
  });
});

describe('the plain-http guard', () => {
  it.each([
    ['HTTP://remote.example', 'baseUrl'],
    ['http://REMOTE.example:8080/api', 'baseUrl'],
    ['http://localhost.attacker.example', 'baseUrl'],
    ['http://127.0.0.1.nip.io', 'baseUrl'],
  ])('refuses a token to %s (case-insensitive, parsed)', (baseUrl, argument) => {
    expect(() => new TestClient({ baseUrl, apiToken: TOKEN })).toThrow(ValidationError);
    try {
      new TestClient({ baseUrl, apiToken: TOKEN });
    } catch (error) {
      expect(error).toMatchObject({ argument });
    }
  });

  it.each(['http://LOCALHOST:8000', 'http://127.0.0.1:9', 'http://[::1]:8000'])(
    'allows loopback %s',
    (baseUrl) => {
      expect(new TestClient({ baseUrl, apiToken: TOKEN }).baseUrl).toBe(
        new URL(baseUrl).href.replace(/\/$/, ''),
      );
    },
  );

  it.each([
    [{ headers: { Authorization: 'Bearer abcd1234' } }, 'baseUrl'],
    [{ headers: { 'X-Api-Token': 'abcd1234' } }, 'baseUrl'],
    [{ headers: { Cookie: 'sessionid=abcd1234' } }, 'baseUrl'],
    [{ apiToken: TOKEN, trustedOrigins: ['http://uploads.example'] }, 'trustedOrigins'],
  ])('covers credentials given as headers and trusted origins: %j', (options, argument) => {
    const base = 'trustedOrigins' in options ? 'https://api.example' : 'http://api.example';
    let error: unknown;
    try {
      new TestClient({ baseUrl: base, ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument });
  });

  it('covers a credential header given to one call, before it is sent', async () => {
    const client = new TestClient({ baseUrl: 'http://api.example' });
    const error = await client
      .call('GET', 'me/', { headers: { Authorization: 'Token abcd1234' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'options.headers' });
    expect(networkRequests()).toEqual([]);
  });

  it('allowInsecureHttp: true lets it through', async () => {
    const plain = new MockApi('http://api.example');
    plain.on('GET', '/me/').reply(200, { ok: 1 });
    const client = new TestClient({
      baseUrl: 'http://api.example',
      apiToken: TOKEN,
      allowInsecureHttp: true,
    });
    await expect(client.call('GET', 'me/')).resolves.toEqual({ ok: 1 });
    plain.done();
    expect(plain.requests).toHaveLength(1);
  });

  it.each([
    [['uploads.example'], 'trustedOrigins[0]'],
    [['https://uploads.example/path'], 'trustedOrigins[0]'],
    [['https://ok.example', 'ftp://x.example'], 'trustedOrigins[1]'],
    ['https://uploads.example', 'trustedOrigins'],
  ])('trustedOrigins %j is checked', (trustedOrigins, argument) => {
    expect(() => new TestClient({ baseUrl: BASE, trustedOrigins: trustedOrigins as string[] })).toThrow(
      ValidationError,
    );
    try {
      new TestClient({ baseUrl: BASE, trustedOrigins: trustedOrigins as string[] });
    } catch (e) {
      expect(e).toMatchObject({ argument });
    }
  });
});

describe('redirects between real servers', () => {
  it('the token reaches the first server only; the second gets the request without it', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const target = await localServer((req, res) => {
      seen.push({ path: req.url, token: req.headers['synapse-access-token'] as string | undefined });
      res.setHeader('content-type', 'application/json');
      res.end('{"moved":true}');
    });
    const origin = await localServer((req, res) => {
      seen.push({ path: req.url, token: req.headers['synapse-access-token'] as string | undefined });
      res.writeHead(302, { location: `${target.url.replace('127.0.0.1', 'localhost')}/new/` }).end();
    });
    try {
      const client = new TestClient({ baseUrl: origin.url, apiToken: TOKEN, maxRetries: 0 });
      await expect(client.call('GET', 'old/')).resolves.toEqual({ moved: true });
      expect(seen).toEqual([
        { path: '/old/', token: `Token ${TOKEN}` },
        { path: '/new/', token: undefined },
      ]);
    } finally {
      await origin.close();
      await target.close();
    }
  });
});
