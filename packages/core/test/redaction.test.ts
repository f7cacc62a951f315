import { MockApi, useMockNetwork } from '@synapse/testing';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, type Logger, ResponseValidationError, ValidationError } from '../src/index.js';
import { errorText } from './helpers/error-text.js';
import { localServer } from './helpers/local-server.js';
import { BASE, TestClient } from './helpers/test-client.js';

useMockNetwork();

const SECRET = 'sk-live-9f8e7d6c5b4a';

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    logger: { debug: (message, details) => lines.push(`${message} ${JSON.stringify(details ?? {})}`) },
  };
}

describe('nothing prints a secret', () => {
  it('a reason phrase that quotes the token; the 401 message says what the server said', async () => {
    let token: string | undefined;
    const server = await localServer((req, res) => {
      token = req.headers['synapse-access-token'] as string;
      res.writeHead(401, `Token ${SECRET} rejected`, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: 'Invalid token.' }));
    });
    try {
      const client = new TestClient({ baseUrl: server.url, apiToken: SECRET, maxRetries: 0 });
      const error = await client.call('GET', 'me/').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({
        status: 401,
        reason: 'Token [REDACTED] rejected',
        body: { detail: 'Invalid token.' },
      });
      expect((error as Error).message).toBe(
        `Backend GET ${server.url}/me/: 401 Token [REDACTED] rejected {"detail":"Invalid token."}`,
      );
      expect(errorText(error)).not.toContain(SECRET);
      expect(token).toBe(`Token ${SECRET}`);
    } finally {
      await server.close();
    }
  });

  it('a 403 quotes the detail too, redacted', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/projects/1/').reply(403, { detail: `token ${SECRET} may not read project 1` });
    const error = await new TestClient({ baseUrl: BASE, apiToken: SECRET, maxRetries: 0 })
      .call('GET', 'projects/1/')
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Backend GET ${BASE}/projects/1/: 403 Forbidden {"detail":"token [REDACTED] may not read project 1"}`,
    );
    expect(errorText(error)).not.toContain(SECRET);
    const request = await api.single();
    expect(request.headers['synapse-access-token']).toBe(`Token ${SECRET}`);
  });

  it('a reply that fails its schema, quoting the token: the error names the field, never the value', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/me/').reply(200, { id: SECRET });
    const error = await new TestClient({ baseUrl: BASE, apiToken: SECRET })
      .call('GET', 'me/', { schema: v.object({ id: v.number() }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues).toEqual(['id: expected number']);
    expect((error as Error).message).toContain('does not match its schema');
    expect(errorText(error)).not.toContain(SECRET);
    expect((await api.single()).path).toBe('/me/');
  });

  it('a Bearer header given as an option: the header and the token alone are both masked, in errors and logs', async () => {
    const { logger, lines } = capture();
    const api = new MockApi(BASE);
    api.on('POST', '/echo/').reply(400, { got: SECRET, header: `Bearer ${SECRET}` });
    const client = new TestClient({
      baseUrl: BASE,
      headers: { Authorization: `Bearer ${SECRET}` },
      logger,
      maxRetries: 0,
    });
    const error = await client.call('POST', 'echo/', { data: { a: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, body: { got: '[REDACTED]', header: '[REDACTED]' } });
    expect(errorText(error)).not.toContain(SECRET);
    expect(lines.join('\n')).toContain('"Authorization":"[REDACTED]"');
    expect(lines.join('\n')).not.toContain(SECRET);
    const request = await api.single();
    expect(request).toMatchObject({ method: 'POST', path: '/echo/', json: { a: 1 } });
    expect(request.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('a credential header given to one call is masked like the client tokens', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/me/').reply(404, { detail: `no user for ${SECRET}` });
    const error = await new TestClient({ baseUrl: BASE, maxRetries: 0 })
      .call('GET', 'me/', { headers: { 'X-Api-Token': SECRET } })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('no user for [REDACTED]');
    expect(errorText(error)).not.toContain(SECRET);
    expect((await api.single()).headers['x-api-token']).toBe(SECRET);
  });

  it.each([
    [`https://user:${SECRET}@[bad`, 'is not a valid URL'],
    [`https://api.example/?token=${SECRET}`, 'must not have a query'],
    [`https://api.example/#${SECRET}`, 'must not have a fragment'],
    [` https://api.example/${SECRET} `, 'must not start or end with spaces'],
    [`https://u:${SECRET}@api.example`, 'must not carry credentials'],
    [`https://api.example/\n${SECRET}`, 'control characters'],
  ])('an invalid baseUrl never echoes what it carries: %j', (baseUrl, message) => {
    let error: unknown;
    try {
      new TestClient({ baseUrl });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'baseUrl' });
    expect((error as Error).message).toContain(message);
    expect(errorText(error)).not.toContain(SECRET);
  });
});
