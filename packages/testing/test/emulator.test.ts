import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../src/index.js';
import { FakeAgentClient, FakeBackendClient, thrownBy } from './support.js';

/** Reading the handle while the file is being collected, before any hook ran. */
const early = useEmulator();
const tooEarly = thrownBy(() => early.emulator);

describe('useEmulator: outside a test', () => {
  it('refuses to hand out an emulator before beforeAll started it', () => {
    expect(tooEarly).toBeInstanceOf(Error);
    expect((tooEarly as Error).message).toMatch(/^useEmulator: the emulator is not running/);
  });
});

let stoppedUrls: { backendUrl: string; agentUrl: string; rayUrl: string } | undefined;

describe('useEmulator: while it runs', () => {
  const emu = useEmulator({ tokens: { accessToken: 'custom-access-token' }, seed: true });
  afterAll(() => {
    // Runs before useEmulator's afterAll (after hooks run in reverse order): the emulator is still up here.
    const { backendUrl, agentUrl, rayUrl } = emu.emulator;
    stoppedUrls = { backendUrl, agentUrl, rayUrl };
  });

  it('has started an emulator on loopback with the options given', async () => {
    const { backendUrl, agentUrl, rayUrl, tokens } = emu.emulator;
    for (const url of [backendUrl, agentUrl, rayUrl]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(tokens.accessToken).toBe('custom-access-token');
    expect(tokens.agentToken).toBe('synapse-emulator-agent-token');
    const reply = await fetch(`${backendUrl}/projects/1/`, {
      headers: { 'synapse-access-token': 'Token custom-access-token' },
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ id: 1 });
  });

  it('blocks every connection that is not loopback', async () => {
    await expect(fetch('https://example.com/')).rejects.toMatchObject({
      name: 'TypeError',
      cause: { name: 'NetConnectNotAllowedError', message: 'Disallowed net connect for "example.com:443/"' },
    });
    await expect(fetch('http://10.255.255.1/')).rejects.toMatchObject({
      cause: { name: 'NetConnectNotAllowedError' },
    });
  });

  it('client(): a backend client on the backend URL with the access token', async () => {
    const client = emu.client(FakeBackendClient);
    expect(client).toBeInstanceOf(FakeBackendClient);
    expect(client.options).toEqual({ baseUrl: emu.emulator.backendUrl, apiToken: 'custom-access-token' });
    expect(await client.get('/projects/1/')).toMatchObject({ status: 200, body: { id: 1 } });
  });

  it('client(): extra options are added and override the defaults', async () => {
    const client = emu.client(FakeBackendClient, { maxRetries: 0, tenant: 't-1' });
    expect(client.options).toEqual({
      baseUrl: emu.emulator.backendUrl,
      apiToken: 'custom-access-token',
      maxRetries: 0,
      tenant: 't-1',
    });
    const refused = emu.client(FakeBackendClient, { apiToken: 'not-the-token' });
    expect(refused.options.apiToken).toBe('not-the-token');
    expect((await refused.get('/projects/1/')).status).toBe(401);
  });

  it('agentClient(): an agent client on the agent URL with the agent token', async () => {
    const client = emu.agentClient(FakeAgentClient, { maxRetries: 0 });
    expect(client.options).toEqual({
      baseUrl: emu.emulator.agentUrl,
      agentToken: 'synapse-emulator-agent-token',
      maxRetries: 0,
    });
    expect(await client.get('/health/')).toMatchObject({ status: 200, body: { status: 'healthy' } });
    const wrong = emu.agentClient(FakeAgentClient, { agentToken: 'wrong' });
    expect(wrong.options).toEqual({ baseUrl: emu.emulator.agentUrl, agentToken: 'wrong' });
    expect((await wrong.get('/health/')).status).toBe(401);
  });
});

describe('useEmulator: after its describe', () => {
  it('has stopped the emulator: nothing listens on its URLs any more', async () => {
    expect(stoppedUrls).toBeDefined();
    const urls = stoppedUrls as NonNullable<typeof stoppedUrls>;
    for (const url of [urls.backendUrl, urls.agentUrl, urls.rayUrl]) {
      // A fresh socket: fetch might reuse a kept-alive one and fail differently.
      const { hostname, port } = new URL(url);
      const [error] = await once(connect(Number(port), hostname), 'error');
      expect((error as NodeJS.ErrnoException).code, url).toBe('ECONNREFUSED');
    }
  });
});
