import { describe, expect, it } from 'vitest';
import {
  backendAuth,
  MOCK_BASE_URL,
  MockApi,
  mockClient,
  pendingAnswers,
  useMockNetwork,
} from '../src/index.js';
import { FakeAgentClient, FakeBackendClient } from './support.js';

useMockNetwork();

describe('mockClient', () => {
  it('builds the client on the conventional base URL without retries, with the options given', () => {
    const { api, client, baseUrl } = mockClient(FakeBackendClient, { apiToken: 'tok-1' });
    expect(MOCK_BASE_URL).toBe('https://synapse.test');
    expect(baseUrl).toBe(MOCK_BASE_URL);
    expect(api).toBeInstanceOf(MockApi);
    expect(api.baseUrl).toBe(MOCK_BASE_URL);
    expect(client).toBeInstanceOf(FakeBackendClient);
    expect(client.options).toEqual({ baseUrl: MOCK_BASE_URL, maxRetries: 0, apiToken: 'tok-1' });
  });

  it('takes only what the options say: no token is made up', () => {
    const { client } = mockClient(FakeBackendClient);
    expect(client.options).toEqual({ baseUrl: MOCK_BASE_URL, maxRetries: 0 });
  });

  it('lets the options override the base URL and maxRetries; the api fakes that base URL', async () => {
    const { api, client, baseUrl } = mockClient(FakeAgentClient, {
      baseUrl: 'https://agent.test',
      agentToken: 'agent-tok',
      maxRetries: 2,
    });
    expect(baseUrl).toBe('https://agent.test');
    expect(api.baseUrl).toBe('https://agent.test');
    expect(client.options).toEqual({ baseUrl: 'https://agent.test', agentToken: 'agent-tok', maxRetries: 2 });
    api.on('GET', '/health/').reply(200, { status: 'healthy' });
    expect(await client.get('/health/')).toEqual({ status: 200, body: { status: 'healthy' } });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/health/', search: '' });
    expect(req.headers.authorization).toBe('agent-tok');
  });

  it('records the auth header the client sent, which backendAuth describes', async () => {
    const { api, client } = mockClient(FakeBackendClient, { apiToken: 'tok-2' });
    api.on('GET', '/projects/1/').reply(200, { id: 1 });
    expect(await client.get('/projects/1/?a=1')).toEqual({ status: 200, body: { id: 1 } });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/projects/1/', query: { a: '1' } });
    expect(backendAuth('tok-2')).toEqual({ 'synapse-access-token': 'Token tok-2' });
    expect(req.headers).toMatchObject(backendAuth('tok-2'));
    expect(req.headers).not.toMatchObject(backendAuth('another-token'));
  });
});

describe('useMockNetwork', () => {
  it('blocks every connection that is not faked or loopback', async () => {
    await expect(fetch('https://example.com/')).rejects.toMatchObject({
      name: 'TypeError',
      cause: {
        name: 'NetConnectNotAllowedError',
        code: 'ENETUNREACH',
        message: 'Disallowed net connect for "example.com:443/"',
      },
    });
  });

  it('(1 of 2) leaves an answer unused', () => {
    new MockApi(MOCK_BASE_URL).on('GET', '/unused/').reply(200, {});
    expect(pendingAnswers()).toEqual(['GET https://synapse.test/unused/ (used 0 of 1)']);
  });

  it('(2 of 2) has removed it after the test before', async () => {
    expect(pendingAnswers()).toEqual([]);
    await expect(fetch(`${MOCK_BASE_URL}/unused/`)).rejects.toMatchObject({
      cause: { name: 'NetConnectNotAllowedError' },
    });
  });
});
