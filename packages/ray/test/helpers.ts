import { MockApi } from '@synapse/testing';
import { RayClient } from '../src/index.js';

export const BASE = 'https://ray.test';

/** A mock dashboard and a client of it that does not retry. */
export function setup() {
  return { api: new MockApi(BASE), client: new RayClient({ baseUrl: BASE, maxRetries: 0 }) };
}

/** The same, behind a proxy that wants a key (sent as `X-Proxy-Key: proxy-key-1`). */
export function proxiedSetup() {
  return {
    api: new MockApi(BASE),
    client: new RayClient({ baseUrl: BASE, maxRetries: 0, headers: { 'X-Proxy-Key': 'proxy-key-1' } }),
  };
}

/** What a promise expected to fail rejected with (an Error saying so if it did not fail). */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
}
