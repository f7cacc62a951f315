import { useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { ConnectionError, IntegrationClient, NotFoundError, ValidationError } from '../src/index.js';
import { AUTH, BASE, setup } from './helpers.js';

const AGENT_TOKEN = 'agent-secret-0123456789';

useMockNetwork();

function everything(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, JSON.stringify(e), String(e.cause), JSON.stringify(e.cause)].join('\n');
}

describe('IntegrationClient.healthCheckAgent', () => {
  it('POST agents/{token}/connect/ with no body and the JSON content type', async () => {
    const { api, client } = setup();
    api.on('POST', `/agents/${AGENT_TOKEN}/connect/`).reply(200, { status: 'connected' });
    expect(await client.healthCheckAgent(AGENT_TOKEN)).toEqual({ status: 'connected' });
    const req = await api.single();
    expect(req).toMatchObject({
      method: 'POST',
      path: `/agents/${AGENT_TOKEN}/connect/`,
      search: '',
      body: '',
    });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
  });

  it('percent-encodes the token as one path segment', async () => {
    const { api, client } = setup();
    api.on('POST', '/agents/a%20b%3Fc/connect/').reply(200, { status: 'connected' });
    await client.healthCheckAgent('a b?c');
    expect((await api.single()).path).toBe('/agents/a%20b%3Fc/connect/');
  });

  it('masks the token in an error status, its message, url and body', async () => {
    const { api, client } = setup();
    api.on('POST', `/agents/${AGENT_TOKEN}/connect/`).reply(400, { detail: `unknown agent ${AGENT_TOKEN}` });
    const error = await client.healthCheckAgent(AGENT_TOKEN).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as { url: string }).url).toBe(`${BASE}/agents/[REDACTED]/connect/`);
    expect((error as Error).message).toContain('/agents/[REDACTED]/connect/');
    expect((error as { body: unknown }).body).toEqual({ detail: 'unknown agent [REDACTED]' });
    expect(everything(error)).not.toContain(AGENT_TOKEN);
  });

  it('masks a short token as the path segment of a 404', async () => {
    const { api, client } = setup();
    api.on('POST', '/agents/ab/connect/').reply(404, { detail: 'Not found.' });
    const error = await client.healthCheckAgent('ab').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).url).toBe(`${BASE}/agents/[REDACTED]/connect/`);
    expect(everything(error)).not.toContain('/agents/ab/');
  });

  it('masks the token in a transport error and its cause', async () => {
    const client = new IntegrationClient({
      baseUrl: BASE,
      apiToken: 'integration-test-token',
      maxRetries: 0,
      fetch: async (input) => {
        throw new TypeError('fetch failed', { cause: new Error(`connect ECONNRESET for ${String(input)}`) });
      },
    });
    const error = await client.healthCheckAgent(AGENT_TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(everything(error)).not.toContain(AGENT_TOKEN);
    expect(String((error as Error).stack)).toContain('[REDACTED]');
  });

  it('masks the token in debug lines', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (message: string, details?: unknown) => lines.push(message, JSON.stringify(details ?? null)),
    };
    const { api, client } = setup({ logger });
    api.on('POST', `/agents/${AGENT_TOKEN}/connect/`).reply(500, 'boom');
    await client.healthCheckAgent(AGENT_TOKEN).catch(() => undefined);
    expect(lines.some((line) => line.includes('/agents/[REDACTED]/connect/'))).toBe(true);
    expect(lines.join('\n')).not.toContain(AGENT_TOKEN);
    api.on('GET', '/plugins/1/').reply(200, { id: 1 });
    await client.getPlugin(1);
    expect(lines.some((line) => line.includes('/plugins/1/'))).toBe(true);
  });

  it('refuses a token that is not one path segment, without printing it', async () => {
    const { client } = setup();
    const error = await client.healthCheckAgent('evil/../token-value').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe('token');
    expect(everything(error)).not.toContain('evil/../token-value');
    expect((error as Error).message).toBe('token must be a single path segment, got [REDACTED]');
  });

  it.each([
    ['a blank token', '   ', 'token must not be empty'],
    ['a token that is not a string', 7n, 'token must be a string or a number, got bigint'],
  ])('refuses %s with the check’s own message', async (_, token, message) => {
    const { api, client } = setup();
    const error = await client.healthCheckAgent(token as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'token', message });
    expect(api.requests).toEqual([]);
  });
});
