import { once } from 'node:events';
import { get } from 'node:https';
import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  loopbackServer,
  MockApi,
  networkRequests,
  pendingAnswers,
  resetNetwork,
  useMockNetwork,
} from '../src/index.js';

useMockNetwork();

let server: Awaited<ReturnType<typeof loopbackServer>>;
beforeAll(async () => {
  server = await loopbackServer({ request: (_req, res) => res.end('real') });
});
afterAll(() => server.close());

describe('the blocked network', () => {
  it('lets fetch and undici reach loopback for real', async () => {
    expect(await (await fetch(`${server.url}/a`)).text()).toBe('real');
    expect(await (await request(`${server.url}/b`)).body.text()).toBe('real');
    expect(server.seen.map((req) => req.url).slice(-2)).toEqual(['/a', '/b']);
  });

  it('refuses any other host through undici too, before anything is sent', async () => {
    await expect(request('http://10.255.255.1:8080/x')).rejects.toMatchObject({
      name: 'NetConnectNotAllowedError',
      code: 'ENETUNREACH',
      message: 'Disallowed net connect for "10.255.255.1:8080/x"',
    });
  });

  it('refuses the sockets of node:https, node:net and the like for any host but loopback', async () => {
    const [httpsError] = await once(get('https://example.com/'), 'error');
    expect(httpsError).toMatchObject({
      name: 'NetConnectNotAllowedError',
      message: 'Disallowed net connect for "example.com:443"',
    });
    const [netError] = await once(connect(80, '10.255.255.1'), 'error');
    expect(netError).toMatchObject({ name: 'NetConnectNotAllowedError' });
    const port = await closedPort();
    const [refused] = await once(connect(port, '127.0.0.1'), 'error');
    expect((refused as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('a faked loopback origin is answered only by its answers: nothing unmatched goes on to the server', async () => {
    const api = new MockApi(server.url);
    api.on('GET', '/faked/').reply(200, 'fake');
    const seen = server.seen.length;
    expect(await (await fetch(`${server.url}/faked/`)).text()).toBe('fake');
    await expect(fetch(`${server.url}/other/`)).rejects.toMatchObject({
      cause: { name: 'MockNotMatchedError' },
    });
    expect(server.seen).toHaveLength(seen);
  });
});

describe('networkRequests', () => {
  it('lists every request that reached the network layer: answered, refused, sent on', async () => {
    const api = new MockApi('https://api.test');
    api.on('POST', '/a/').reply(200, {});
    await fetch('https://api.test/a/?q=1', { method: 'POST', body: 'x' });
    await expect(request('https://elsewhere.test/b/')).rejects.toBeDefined();
    await (await fetch(`${server.url}/c`)).text();
    await once(get('https://example.com/d'), 'error');
    expect(networkRequests()).toEqual([
      { method: 'POST', url: 'https://api.test/a/?q=1' },
      { method: 'GET', url: 'https://elsewhere.test/b/' },
      { method: 'GET', url: `${server.url}/c` },
      { method: 'CONNECT', url: 'tcp://example.com:443' },
    ]);
  });

  it('(1 of 2) leaves a request and an unused answer behind', async () => {
    new MockApi('https://api.test').on('GET', '/unused/').reply(200, {});
    await expect(fetch('https://elsewhere.test/')).rejects.toBeDefined();
    expect(networkRequests()).toHaveLength(1);
    expect(pendingAnswers()).toEqual(['GET https://api.test/unused/ (used 0 of 1)']);
  });

  it('(2 of 2) starts empty after a reset: the answers are gone too', async () => {
    expect(networkRequests()).toEqual([]);
    expect(pendingAnswers()).toEqual([]);
    await expect(fetch('https://api.test/unused/')).rejects.toMatchObject({
      cause: { name: 'NetConnectNotAllowedError' },
    });
  });

  it('resetNetwork() forgets within a test as well', async () => {
    await expect(fetch('https://elsewhere.test/')).rejects.toBeDefined();
    resetNetwork();
    expect(networkRequests()).toEqual([]);
  });
});
