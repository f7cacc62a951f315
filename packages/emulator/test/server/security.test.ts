import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Loose, type Setup, setup } from '../helpers.js';
import { collectWs, wsHandshakeStatus } from '../ray/harness.js';

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Loose;
}

/** A request with any `Host` and `Origin` (fetch would not let a test set `Host`). */
function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawReply> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const portOf = (url: string) => new URL(url).port;

/** What a web page can send without a preflight: a `text/plain` POST. */
const simplePost = (origin: string) => ({ origin, 'content-type': 'text/plain;charset=UTF-8' });

const jobBody = (entrypoint: string) => JSON.stringify({ entrypoint });

let t: Setup;
beforeAll(async () => {
  t = await setup();
});
afterAll(() => t.emulator.stop());

async function rayEntrypoints(): Promise<string[]> {
  const jobs = (await (await fetch(`${t.emulator.rayUrl}/api/jobs/`)).json()) as { entrypoint: string }[];
  return jobs.map((job) => job.entrypoint);
}

describe('Host: only loopback names are served (DNS rebinding)', () => {
  it('refuses a foreign Host on every service, and nothing happens', async () => {
    const { backendUrl, agentUrl, rayUrl, tokens } = t.emulator;
    const before = t.emulator.stats().requests;
    const host = `rebind.evil.example:${portOf(rayUrl)}`;
    const submitted = await send(
      rayUrl,
      'POST',
      '/api/jobs/',
      // The page's own origin: to the browser, the rebound name is same-origin.
      { host, ...simplePost(`http://${host}`) },
      jobBody('echo rebound'),
    );
    expect(submitted).toMatchObject({ status: 403, body: { detail: `Host not allowed: ${host}` } });

    const backend = await send(backendUrl, 'GET', '/projects/1/', {
      host: 'rebind.evil.example',
      'synapse-access-token': `Token ${tokens.accessToken}`,
    });
    expect(backend).toMatchObject({ status: 403, body: { detail: 'Host not allowed: rebind.evil.example' } });
    const agent = await send(agentUrl, 'GET', '/health/', {
      host: 'rebind.evil.example',
      authorization: tokens.agentToken,
    });
    expect(agent.status).toBe(403);

    const fault = await send(
      backendUrl,
      'POST',
      '/__emulator/faults',
      { host: 'rebind.evil.example', 'content-type': 'application/json' },
      JSON.stringify({ path: '/projects/*', status: 500 }),
    );
    expect(fault.status).toBe(403);
    const stats = await send(backendUrl, 'GET', '/__emulator/stats', { host: 'rebind.evil.example' });
    expect(stats.status).toBe(403);
    // Refused requests reach no service: they are not even counted.
    expect(t.emulator.stats().requests).toEqual(before);
    expect(t.emulator.faults.list()).toEqual([]);
    expect(await rayEntrypoints()).not.toContain('echo rebound');
  });

  it('serves localhost, 127.x.x.x and [::1] on any port', async () => {
    const { backendUrl, tokens } = t.emulator;
    const auth = { 'synapse-access-token': `Token ${tokens.accessToken}` };
    for (const host of [
      `localhost:${portOf(backendUrl)}`,
      'localhost',
      '127.0.0.1:1',
      '127.8.9.10',
      '[::1]:8080',
    ]) {
      expect((await send(backendUrl, 'GET', '/projects/1/', { host, ...auth })).status).toBe(200);
    }
    expect((await send(backendUrl, 'GET', '/projects/1/', { host: '127.0.0.256', ...auth })).status).toBe(
      403,
    );
  });
});

describe('Origin: cross-origin requests from web pages', () => {
  it('refuses a text/plain POST from a foreign origin that would submit a Ray job', async () => {
    const { rayUrl } = t.emulator;
    const refused = await send(
      rayUrl,
      'POST',
      '/api/jobs/',
      simplePost('https://evil.example'),
      jobBody('echo evil'),
    );
    expect(refused).toMatchObject({ status: 403, body: { detail: 'Origin not allowed' } });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const scripted = await send(
      rayUrl,
      'POST',
      '/__emulator/jobs',
      simplePost('https://evil.example'),
      jobBody('echo evil'),
    );
    expect(scripted.status).toBe(403);
    expect(await rayEntrypoints()).not.toContain('echo evil');

    // The same request without an Origin (the SDK from Node, curl) goes through.
    const allowed = await send(
      rayUrl,
      'POST',
      '/api/jobs/',
      { 'content-type': 'text/plain' },
      jobBody('echo node'),
    );
    expect(allowed.status).toBe(200);
    expect(await rayEntrypoints()).toContain('echo node');
  });

  it('refuses a foreign origin adding a fault rule through the control route', async () => {
    const rule = JSON.stringify({ path: '/projects/*', status: 500 });
    const reply = await send(
      t.emulator.backendUrl,
      'POST',
      '/__emulator/faults',
      simplePost('https://evil.example'),
      rule,
    );
    expect(reply).toMatchObject({ status: 403, body: { detail: 'Origin not allowed' } });
    expect(t.emulator.faults.list()).toEqual([]);
    const opaque = await send(t.emulator.backendUrl, 'POST', '/__emulator/faults', simplePost('null'), rule);
    expect(opaque.status).toBe(403);
    expect(t.emulator.faults.list()).toEqual([]);
  });

  it('answers a preflight from a loopback origin with the CORS headers', async () => {
    const origin = 'http://localhost:5173';
    const requested = 'synapse-access-token, synapse-tenant, content-type, content-range';
    const preflight = await send(t.emulator.backendUrl, 'OPTIONS', '/chunked_upload/', {
      origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': requested,
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
      'access-control-allow-headers': 'synapse-access-token,synapse-tenant,content-type,content-range',
      'access-control-max-age': '600',
    });
    expect(preflight.headers.vary).toContain('Origin');

    const actual = await send(t.emulator.backendUrl, 'GET', '/projects/1/', {
      origin,
      'synapse-access-token': `Token ${t.emulator.tokens.accessToken}`,
    });
    expect(actual.status).toBe(200);
    expect(actual.headers['access-control-allow-origin']).toBe(origin);
    expect(actual.headers.vary).toContain('Origin');
    expect(actual.headers['access-control-expose-headers']).toContain('Retry-After');
    expect(actual.headers['access-control-expose-headers']).toContain('Content-Range');

    for (const other of ['http://127.0.0.1:3000', 'https://[::1]']) {
      const reply = await send(t.emulator.rayUrl, 'GET', '/api/version', { origin: other });
      expect([reply.status, reply.headers['access-control-allow-origin']]).toEqual([200, other]);
    }
  });

  it('refuses a preflight from a foreign origin', async () => {
    const preflight = await send(t.emulator.rayUrl, 'OPTIONS', '/api/jobs/', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('WebSocket upgrades', () => {
  it('refuses a foreign Origin or Host, and upgrades a loopback one', async () => {
    const wsUrl = `${t.emulator.rayUrl.replace('http', 'ws')}/api/jobs/01000000/logs/tail`;
    expect(await wsHandshakeStatus(wsUrl, { origin: 'https://evil.example' })).toEqual({
      status: 403,
      body: JSON.stringify({ detail: 'Origin not allowed' }),
    });
    expect((await wsHandshakeStatus(wsUrl, { host: 'rebind.evil.example' })).status).toBe(403);

    const submitted = await send(t.emulator.rayUrl, 'POST', '/api/jobs/', {}, jobBody('echo streamed'));
    const id = submitted.body.submission_id as string;
    const tail = `${t.emulator.rayUrl.replace('http', 'ws')}/api/jobs/${id}/logs/tail`;
    const { messages } = await collectWs(tail, { origin: 'http://localhost:5173' });
    expect(messages.join('')).toBe('streamed\n');
  });
});

describe('allowedHosts and allowedOrigins', () => {
  let custom: Setup;
  beforeAll(async () => {
    custom = await setup({
      allowedHosts: ['emulator.internal'],
      allowedOrigins: ['https://app.example.com'],
    });
  });
  afterAll(() => custom.emulator.stop());

  it('serve the configured host and origin, and still refuse others', async () => {
    const { backendUrl, rayUrl, tokens } = custom.emulator;
    const auth = { 'synapse-access-token': `Token ${tokens.accessToken}` };
    const host = `emulator.internal:${portOf(backendUrl)}`;
    expect((await send(backendUrl, 'GET', '/projects/1/', { host, ...auth })).status).toBe(200);
    expect((await send(backendUrl, 'GET', '/projects/1/', { host: 'other.internal', ...auth })).status).toBe(
      403,
    );

    const origin = 'https://app.example.com';
    const reply = await send(rayUrl, 'POST', '/api/jobs/', simplePost(origin), jobBody('echo configured'));
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe(origin);
    const preflight = await send(backendUrl, 'OPTIONS', '/tasks/', {
      origin,
      'access-control-request-method': 'POST',
    });
    expect([preflight.status, preflight.headers['access-control-allow-origin']]).toEqual([204, origin]);
    const other = await send(
      rayUrl,
      'POST',
      '/api/jobs/',
      simplePost('https://app.example.org'),
      jobBody('x'),
    );
    expect(other.status).toBe(403);
  });

  it('rejects an allowed origin that is not an origin', async () => {
    await expect(setup({ allowedOrigins: ['app.example.com'] })).rejects.toThrow(TypeError);
  });
});
