import { MockApi, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

describe('per-call options', () => {
  it.each([
    [
      'a string spread into the options',
      { ...('fast' as unknown as object) },
      'options',
      'options must be an object',
    ],
    ['an unknown option', { retries: 2 }, 'options.retries', 'Unknown option: retries'],
    ['a signal that is not an AbortSignal', { signal: {} }, 'options.signal', 'AbortSignal'],
    ['a zero timeout', { timeout: { read: 0 } }, 'options.timeout.read', 'positive number'],
    ['an unknown timeout key', { timeout: { total: 5 } }, 'options.timeout.total', 'only connect and read'],
    ['a timeout that is a number', { timeout: 5 }, 'options.timeout', 'must be { connect?, read? }'],
    ['an infinite timeout', { timeout: { read: Infinity } }, 'options.timeout.read', 'positive number'],
    [
      'headers that are not strings',
      { headers: { 'X-Count': 1 } },
      'options.headers.X-Count',
      'must be a string',
    ],
    ['headers that are not an object', { headers: 'X-A: b' }, 'options.headers', 'object of strings'],
    [
      'a header value with CR LF',
      { headers: { 'X-A': 'b\r\nX-Evil: 1' } },
      'options.headers.X-A',
      'CR, LF or NUL',
    ],
    ['a header value with NUL', { headers: { 'X-A': 'b\u0000' } }, 'options.headers.X-A', 'CR, LF or NUL'],
    ['a header value beyond Latin-1', { headers: { 'X-A': 'tök€n' } }, 'options.headers.X-A', 'Latin-1'],
    ['an invalid header name', { headers: { 'X A': 'b' } }, 'options.headers.X A', 'invalid header name'],
    ['fractional maxRetries', { maxRetries: 0.5 }, 'options.maxRetries', 'whole number'],
  ])('rejects %s before any request', async (_, options, argument, message) => {
    const api = new MockApi(BASE);
    const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
    const error = await client.call('GET', 'x/', options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
    expect((error as ValidationError).message).toContain(message);
    expect(api.requests).toHaveLength(0);
  });

  it('accepts the documented ones', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/x/').reply(200, { ok: true });
    const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
    const options = {
      signal: new AbortController().signal,
      timeout: { connect: 1, read: 2 },
      headers: { 'X-A': 'b' },
      maxRetries: 0,
    };
    expect(await client.call('GET', 'x/', options)).toEqual({ ok: true });
    expect((await api.single()).headers['x-a']).toBe('b');
  });
});
