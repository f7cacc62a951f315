import type { IncomingMessage } from 'node:http';
import { AgentClient } from '@synapse/agent';
import { AnnotationClient } from '@synapse/annotation';
import { CoreClient } from '@synapse/core';
import { IntegrationClient } from '@synapse/integration';
import { RayClient } from '@synapse/ray';
import { loopbackServer } from '@synapse/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from './support/emulator.js';
import { exposed } from './support/exposed.js';

const ACCESS = 'sk-hostile-access-1a2b3c4d5e';
const AGENT = 'sk-hostile-agent-6f7a8b9c0d';
const BEARER = 'sk-hostile-bearer-e1f2a3b4c5';
const SECRETS = [ACCESS, AGENT, BEARER];

/** Every credential value a request carried, and the token after its scheme (`Bearer X` → `X`). */
function credentialsOf(req: IncomingMessage): string {
  const values = ['authorization', 'synapse-access-token', 'agent-token']
    .map((name) => req.headers[name])
    .filter((value): value is string => typeof value === 'string');
  return values.flatMap((value) => [value, value.split(' ').pop() ?? '']).join(' ');
}

/**
 * A server that echoes the credentials it receives in every channel a client may print: the reason phrase, the
 * body, a WebSocket close reason.
 */
function hostileServer() {
  return loopbackServer({
    request: (req, res) => {
      req.resume();
      const echo = credentialsOf(req);
      res.writeHead(401, `Denied ${echo}`.slice(0, 200), { 'content-type': 'text/plain' });
      res.end(`Traceback (most recent call last):\nPermissionError: bad credentials ${echo}`);
    },
    upgrade: (req, accept) => {
      const echo = credentialsOf(req).split(' ').pop() ?? '';
      accept((ws) => ws.close(4001, `rejected ${echo}`));
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

let server: Awaited<ReturnType<typeof hostileServer>>;
const { lines, logger } = captureLogger();
beforeAll(async () => {
  server = await hostileServer();
});
afterAll(() => server.close());

const common = () => ({ baseUrl: server.url, maxRetries: 0, logger });

/** Runs a call that must fail; returns the error after checking no secret shows anywhere. */
async function failing(call: () => Promise<unknown>): Promise<Error> {
  const before = server.seen.length;
  const error = (await call().then(
    () => undefined,
    (e: unknown) => e,
  )) as Error;
  expect(error).toBeInstanceOf(Error);
  expect(server.seen.length).toBeGreaterThan(before);
  const text = `${exposed(error)}\n${lines.join('\n')}`;
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  return error;
}

describe('a server that echoes credentials cannot make a client print them', () => {
  it('backend: reason phrase and body', async () => {
    const client = new AnnotationClient({ ...common(), apiToken: ACCESS });
    const error = await failing(() => client.getProject(7));
    expect(error).toMatchObject({ status: 401, reason: 'Denied Token [REDACTED] [REDACTED]' });
    expect(error.message).toBe(
      `Backend GET ${server.url}/projects/7/: 401 Denied Token [REDACTED] [REDACTED] PermissionError: bad credentials Token [REDACTED] [REDACTED]`,
    );
    const request = server.seen.at(-1);
    expect(request).toMatchObject({ method: 'GET', url: '/projects/7/' });
    expect(request?.headers['synapse-access-token']).toBe(`Token ${ACCESS}`);
  });

  it('backend console-log tail', async () => {
    const client = new IntegrationClient({ ...common(), apiToken: ACCESS });
    const error = await failing(() => collect(client.tailJobConsoleLogs(3)));
    expect(error).toMatchObject({ status: 401 });
    expect(server.seen.at(-1)).toMatchObject({ method: 'GET', url: '/jobs/3/tail_console_logs/' });
  });

  it('chunked upload', async () => {
    const client = new CoreClient({ ...common(), apiToken: ACCESS });
    const error = await failing(() =>
      client.createChunkedUpload(new Uint8Array([1, 2, 3]), { filename: 'a.bin' }),
    );
    expect(error).toMatchObject({ status: 401, method: 'PUT' });
    const request = server.seen.at(-1);
    expect(request).toMatchObject({ method: 'PUT', url: '/chunked_upload/' });
    expect(request?.headers['content-range']).toBe('bytes 0-2/3');
  });

  it('agent: HTTP stream tail and WebSocket tail (close reason)', async () => {
    const client = new AgentClient({ ...common(), agentToken: AGENT });
    const stream = await failing(() => collect(client.tailJobLogs('job-1', { protocol: 'stream' })));
    expect(stream).toMatchObject({ status: 401 });
    expect(server.seen.at(-1)).toMatchObject({ method: 'GET', url: '/ray/jobs/job-1/logs/stream/' });
    expect(server.seen.at(-1)?.headers).toMatchObject({
      authorization: AGENT,
      'agent-token': `Token ${AGENT}`,
    });
    const socket = await failing(() => collect(client.tailJobLogs('job-1', { protocol: 'websocket' })));
    expect(socket.message).toContain('rejected [REDACTED]');
    expect(server.seen.at(-1)).toMatchObject({ url: '/ray/jobs/job-1/logs/ws/' });
  });

  it('Ray: a Bearer header given as an option, echoed alone, over HTTP and in a WebSocket close reason', async () => {
    const client = new RayClient({ ...common(), headers: { Authorization: `Bearer ${BEARER}` } });
    const http = await failing(() => client.getJobInfo('raysubmit_1'));
    expect(http.message).toContain('PermissionError: bad credentials [REDACTED]');
    expect(server.seen.at(-1)).toMatchObject({ method: 'GET', url: '/api/jobs/raysubmit_1' });
    expect(server.seen.at(-1)?.headers.authorization).toBe(`Bearer ${BEARER}`);
    const socket = await failing(() => collect(client.tailJobLogs('raysubmit_1')));
    expect(socket.message).toContain('rejected [REDACTED]');
    expect(server.seen.at(-1)).toMatchObject({ url: '/api/jobs/raysubmit_1/logs/tail' });
  });
});
