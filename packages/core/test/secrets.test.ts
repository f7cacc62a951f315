import { MockApi, useMockNetwork } from '@synapse/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../src/index.js';
import { errorText } from './helpers/error-text.js';
import { closedPort } from './helpers/local-server.js';
import { BASE, TestClient } from './helpers/test-client.js';

useMockNetwork();
afterEach(() => vi.unstubAllEnvs());

const SECRET = 'sk-live-very-secret-4242';

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    logger: { debug: (message, details) => lines.push(`${message} ${JSON.stringify(details ?? {})}`) },
  };
}

describe('secrets never leak', () => {
  it('is absent from debug lines, error messages, toJSON and causes, across error paths', async () => {
    const { logger, lines } = capture();
    const api = new MockApi(BASE);
    api.on('GET', `/agents/${SECRET}/connect/`).reply(401, { detail: `bad token ${SECRET}` });
    api.on('GET', '/echo/').reply(400, { token: SECRET });
    const client = new TestClient({
      baseUrl: BASE,
      apiToken: SECRET,
      authorizationToken: `${SECRET}-auth`,
      tenant: `${SECRET}-tenant`,
      agentToken: `${SECRET}-agent`,
      logger,
      maxRetries: 0,
    });
    const errors = [
      await client.call('GET', `agents/${SECRET}/connect/`).catch((e: unknown) => e),
      await client.call('GET', 'echo/').catch((e: unknown) => e),
    ];
    const refused = new TestClient({
      baseUrl: await closedPort(),
      apiToken: SECRET,
      logger,
      maxRetries: 1,
      retry: { initialDelay: 0.001 },
    });
    errors.push(await refused.call('GET', `x/${SECRET}/`).catch((e: unknown) => e));
    expect(errors).toHaveLength(3);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('\n')).toContain('[REDACTED]');
    for (const text of [...lines, ...errors.map(errorText)]) expect(text).not.toContain(SECRET);
    expect(await api.all()).toHaveLength(2);
  });

  it('per-call secrets are masked too, whatever their length', async () => {
    const { logger, lines } = capture();
    const api = new MockApi(BASE);
    api.on('POST', '/agents/xyz/connect/').reply(404, { detail: 'no agent xyz' });
    const client = new TestClient({ baseUrl: BASE, logger, maxRetries: 0 });
    const error = await client
      .call('POST', 'agents/xyz/connect/', { secrets: ['xyz'] })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('[REDACTED]');
    for (const text of [...lines, errorText(error)]) expect(text).not.toContain('xyz');
    expect((await api.single()).path).toBe('/agents/xyz/connect/');
  });

  it('SYNAPSE_DEBUG=1 logs to the console, redacted', async () => {
    vi.stubEnv('SYNAPSE_DEBUG', '1');
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
    try {
      const api = new MockApi(BASE);
      api.on('GET', '/x/').reply(200, {});
      await new TestClient({ baseUrl: BASE, apiToken: SECRET }).call('GET', 'x/');
      const printed = spy.mock.calls.map((args) => JSON.stringify(args)).join('\n');
      expect(printed).toContain('GET https://synapse.test/x/');
      expect(printed).not.toContain(SECRET);
      expect((await api.single()).headers['synapse-access-token']).toBe(`Token ${SECRET}`);
    } finally {
      spy.mockRestore();
    }
  });

  it('no logging without a logger or SYNAPSE_DEBUG', async () => {
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
    try {
      const api = new MockApi(BASE);
      api.on('GET', '/x/').reply(200, {});
      await new TestClient({ baseUrl: BASE, apiToken: SECRET }).call('GET', 'x/');
      expect(spy).not.toHaveBeenCalled();
      expect((await api.single()).path).toBe('/x/');
    } finally {
      spy.mockRestore();
    }
  });
});
