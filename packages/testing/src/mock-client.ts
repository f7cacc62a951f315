import { afterEach, beforeAll } from 'vitest';
import { MockApi } from './mock-api.js';
import { blockNetwork, resetNetwork } from './network.js';

/** The base URL `mockClient` fakes unless told otherwise. */
export const MOCK_BASE_URL = 'https://synapse.test';

/** A client class built from an options object with a base URL (every Synapse client). */
export type ClientClass<O extends { baseUrl: string }, C> = new (options: O) => C;

/**
 * A client and a `MockApi` of its base URL. The client gets `{ baseUrl: MOCK_BASE_URL, maxRetries: 0 }` and then
 * `options`, which bring its credentials (`apiToken`, `agentToken`, …) and may override both; `api` fakes and
 * records whatever `baseUrl` ends up being.
 */
export function mockClient<O extends { baseUrl: string }, C>(
  Client: ClientClass<O, C>,
  options: NoInfer<Partial<O>> = {},
): { api: MockApi; client: C; baseUrl: string } {
  const resolved = { baseUrl: MOCK_BASE_URL, maxRetries: 0, ...options };
  const api = new MockApi(resolved.baseUrl);
  return { api, client: new Client(resolved as never), baseUrl: resolved.baseUrl };
}

/** The headers a backend client sends for `apiToken`: `Synapse-Access-Token: Token <token>`. */
export function backendAuth(token: string): { 'synapse-access-token': string } {
  return { 'synapse-access-token': `Token ${token}` };
}

/**
 * For files that fake the network with `MockApi`: `beforeAll` blocks every connection but loopback, `afterEach`
 * removes every interceptor so no test sees another's answers.
 */
export function useMockNetwork(): void {
  beforeAll(blockNetwork);
  afterEach(resetNetwork);
}
