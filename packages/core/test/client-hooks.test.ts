import { MockApi, useMockNetwork } from '@synapse/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  ClientError,
  type ClientHooks,
  type ClientOptions,
  type FetchFunction,
  type HookedRequest,
  NotFoundError,
  ValidationError,
} from '../src/internal.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

class HookedClient extends TestClient {
  constructor(options: ClientOptions & Record<string, unknown>, hooks: ClientHooks) {
    super(options, hooks);
  }
}

describe('client hooks', () => {
  it('optionKeys replaces the backend token options as the accepted extra options', () => {
    const hooks = { optionKeys: ['clusterName'] };
    expect(new HookedClient({ baseUrl: BASE, clusterName: 'c' }, hooks).baseUrl).toBe(BASE);
    const error = (() => {
      try {
        return new HookedClient({ baseUrl: BASE, apiToken: TOKEN }, hooks);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'apiToken', message: 'Unknown client option: apiToken' });
  });

  it('auth gives the headers every request sends and the secrets no error shows', async () => {
    const auth = vi.fn(() => ({ headers: { 'X-Cluster-Key': 'key-5678' }, secrets: ['echo-secret-1'] }));
    const client = new HookedClient(
      { baseUrl: BASE, maxRetries: 0, clusterName: 'c' },
      {
        optionKeys: ['clusterName'],
        auth,
      },
    );
    expect(auth).toHaveBeenCalledWith({ baseUrl: BASE, maxRetries: 0, clusterName: 'c' });
    const api = new MockApi(BASE);
    api.on('GET', '/things/').reply(404, 'no echo-secret-1 here');
    const error = await client.call('GET', 'things/', { params: { q: 1 } }).catch((e: unknown) => e);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/things/', search: 'q=1', body: '' });
    expect(req.headers['x-cluster-key']).toBe('key-5678');
    expect(req.headers['synapse-access-token']).toBeUndefined();
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).not.toContain('echo-secret-1');
    expect((error as NotFoundError).message).toContain('[REDACTED]');
  });

  it('sendRequest answers in place of HTTP, after the call options were checked', async () => {
    const fetch = vi.fn<FetchFunction>();
    const sendRequest = vi.fn(async (request: HookedRequest) => ({ echoed: request.path }));
    const client = new HookedClient({ baseUrl: BASE, apiToken: TOKEN, fetch }, { sendRequest });
    const options = { params: { page: 2 }, data: { a: 1 }, headers: { 'X-Trace': 't' } };
    expect(await client.call('post', 'things/', options)).toEqual({ echoed: 'things/' });
    expect(fetch).not.toHaveBeenCalled();
    expect(sendRequest).toHaveBeenCalledTimes(1);
    const request = sendRequest.mock.calls[0]?.[0];
    expect(request).toMatchObject({
      method: 'POST',
      path: 'things/',
      options,
      authHeaders: { 'Synapse-Access-Token': `Token ${TOKEN}` },
    });
    expect(request?.redactor.text(`x ${TOKEN}`)).toBe('x [REDACTED]');
    const refused = await client.call('GET', 'things/', { bogus: 1 } as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(sendRequest).toHaveBeenCalledTimes(1);
  });

  it("mapError turns the pipeline's and sendRequest's errors into the caller's, not a refused call option", async () => {
    const mapError = vi.fn((error: unknown) =>
      error instanceof ClientError ? new ClientError(error.status, `mapped: ${error.message}`) : error,
    );
    const client = new HookedClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries: 0 }, { mapError });
    const api = new MockApi(BASE);
    api.on('GET', '/missing/').reply(404, {});
    const error = await client.call('GET', 'missing/').catch((e: unknown) => e);
    expect((await api.single()).path).toBe('/missing/');
    expect(error).toMatchObject({ status: 404 });
    expect((error as ClientError).message).toBe(`mapped: Backend GET ${BASE}/missing/: 404 Not Found {}`);
    const refused = await client.call('GET', 'missing/', { timeout: 'x' } as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(mapError).toHaveBeenCalledTimes(1);

    const failing = new HookedClient(
      { baseUrl: BASE },
      {
        mapError,
        sendRequest: async () => {
          throw new ClientError(503, 'busy');
        },
      },
    );
    expect(await failing.call('GET', 'x/').catch((e: unknown) => e)).toMatchObject({
      status: 503,
      message: 'mapped: busy',
    });
  });
});
