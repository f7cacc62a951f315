import { setTimeout as delay } from 'node:timers/promises';
import { blockNetwork, loopbackServer } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { AbortError, NotFoundError, RayClient, TimeoutError, ValidationError } from '../src/index.js';
import { caught } from './helpers.js';

beforeAll(blockNetwork);

// More lines than a WebSocket tail queues before it pauses the socket (1000): a slow consumer makes it pause.
const SENT = Array.from({ length: 1500 }, (_, i) => (i % 100 === 99 ? '' : `ray log ${i + 1}`));

/** A dashboard whose log tail WebSocket sends SENT in batches of 100 lines, one batch every 5 ms, then closes. */
function busyDashboard() {
  return loopbackServer({
    upgrade: (_request, accept) =>
      accept((ws) => {
        let next = 0;
        const timer = setInterval(() => {
          for (const line of SENT.slice(next, next + 100)) ws.send(`${line}\n`);
          next += 100;
          if (next >= SENT.length) {
            clearInterval(timer);
            ws.close(1000);
          }
        }, 5);
        ws.once('close', () => clearInterval(timer));
      }),
  });
}

describe('RayClient.tailJobLogs with a slow consumer', () => {
  it('gets every line, empty ones included, sending the headers option on the handshake', async () => {
    const server = await busyDashboard();
    try {
      const ray = new RayClient({
        baseUrl: server.url,
        maxRetries: 0,
        headers: { Authorization: 'Bearer ray-proxy-token' },
      });
      const seen: string[] = [];
      for await (const line of ray.tailJobLogs('raysubmit_7')) {
        seen.push(line);
        // 300 ms over every 500th line: the queue fills, the socket pauses, then resumes.
        if (seen.length % 500 === 1) await delay(300);
      }
      expect(seen).toEqual(SENT);
      expect(server.seen).toHaveLength(1);
      expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/api/jobs/raysubmit_7/logs/tail' });
      expect(server.seen[0]?.headers).toMatchObject({
        authorization: 'Bearer ray-proxy-token',
        upgrade: 'websocket',
      });
    } finally {
      await server.close();
    }
  });
});

describe('RayClient.tailJobLogs failures', () => {
  it('a rejected handshake is a Ray error with its status', async () => {
    const server = await loopbackServer({});
    try {
      const ray = new RayClient({ baseUrl: server.url, maxRetries: 0 });
      const error = await ray
        .tailJobLogs('missing')
        .next()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      const url = `${server.url.replace('http', 'ws')}/api/jobs/missing/logs/tail`;
      expect(error).toMatchObject({ status: 404, clientName: 'Ray', method: 'GET', url });
      expect((error as NotFoundError).message).toBe(`Ray GET ${url}: 404 Not Found`);
      expect(server.seen[0]?.url).toBe('/api/jobs/missing/logs/tail');
    } finally {
      await server.close();
    }
  });
});

/** Every line of a tail, or the error it ended with (and the lines before it). */
async function drain(lines: AsyncIterable<string>): Promise<{ seen: string[]; error?: unknown }> {
  const seen: string[] = [];
  try {
    for await (const line of lines) seen.push(line);
    return { seen };
  } catch (error) {
    return { seen, error };
  }
}

/** A dashboard whose tail sends `first`, waits `pause` ms, sends `second`, then closes; or stays silent. */
function pausingDashboard(pause: number | 'forever') {
  return loopbackServer({
    upgrade: (_request, accept) =>
      accept((ws) => {
        ws.send('first\n');
        if (pause === 'forever') return;
        const timer = setTimeout(() => {
          ws.send('second\n');
          ws.close(1000);
        }, pause);
        ws.once('close', () => clearTimeout(timer));
      }),
  });
}

describe('RayClient.tailJobLogs: the call options', () => {
  it('headers are sent on the handshake on top of the client’s (a name given again, in any case, replaces it)', async () => {
    const server = await pausingDashboard(0);
    try {
      const ray = new RayClient({
        baseUrl: server.url,
        maxRetries: 0,
        headers: { 'X-Proxy-Key': 'client-key', 'X-Team': 'ml' },
      });
      const tail = ray.tailJobLogs('raysubmit_1', {
        headers: { 'x-proxy-key': 'call-key', 'X-Trace': 't1' },
      });
      expect(await drain(tail)).toEqual({ seen: ['first', 'second'] });
      expect(server.seen).toHaveLength(1);
      expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/api/jobs/raysubmit_1/logs/tail' });
      expect(server.seen[0]?.headers).toMatchObject({
        'x-proxy-key': 'call-key',
        'x-team': 'ml',
        'x-trace': 't1',
        upgrade: 'websocket',
      });
      expect(server.seen[0]?.rawHeaders.filter((name) => /^x-proxy-key$/i.test(name))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('timeout.read bounds each wait for the next line: a TimeoutError after the lines read', async () => {
    const server = await pausingDashboard('forever');
    try {
      const ray = new RayClient({ baseUrl: server.url, maxRetries: 0 });
      const started = Date.now();
      const { seen, error } = await drain(ray.tailJobLogs('raysubmit_1', { timeout: { read: 0.2 } }));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(seen).toEqual(['first']);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({
        status: 408,
        phase: 'read',
        reason: 'Ray read timeout (>0.2s)',
        clientName: 'Ray',
        url: `${server.url.replace('http', 'ws')}/api/jobs/raysubmit_1/logs/tail`,
      });
    } finally {
      await server.close();
    }
  });

  it('without timeout.read a quiet job does not end the tail, whatever the client’s read timeout', async () => {
    const server = await pausingDashboard(400);
    try {
      const ray = new RayClient({ baseUrl: server.url, maxRetries: 0, timeout: { connect: 5, read: 0.1 } });
      expect(await drain(ray.tailJobLogs('raysubmit_1'))).toEqual({ seen: ['first', 'second'] });
    } finally {
      await server.close();
    }
  });

  it('timeout.connect bounds the opening handshake', async () => {
    // Takes the connection, never answers the upgrade.
    const server = await loopbackServer({ upgrade: () => undefined });
    try {
      const ray = new RayClient({ baseUrl: server.url, maxRetries: 0 });
      const started = Date.now();
      // Long enough for a loaded machine to deliver the upgrade the server then leaves unanswered.
      const { error } = await drain(ray.tailJobLogs('raysubmit_1', { timeout: { connect: 1, read: 30 } }));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ status: 408, phase: 'connect', reason: 'Ray connect timeout (>1s)' });
      expect(server.seen[0]?.url).toBe('/api/jobs/raysubmit_1/logs/tail');
    } finally {
      await server.close();
    }
  });

  it('signal ends the tail with an AbortError and closes the socket', async () => {
    const server = await pausingDashboard('forever');
    try {
      const ray = new RayClient({ baseUrl: server.url, maxRetries: 0 });
      const controller = new AbortController();
      const seen: string[] = [];
      const error = await caught(
        (async () => {
          for await (const line of ray.tailJobLogs('raysubmit_1', { signal: controller.signal })) {
            seen.push(line);
            controller.abort();
          }
        })(),
      );
      expect(seen).toEqual(['first']);
      expect(error).toBeInstanceOf(AbortError);
    } finally {
      await server.close();
    }
  });

  it('a credential in the call’s headers is masked in the error', async () => {
    const server = await loopbackServer({
      upgrade: (request, _accept, socket) => {
        const body = `no entry for ${request.headers.authorization}`;
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      },
    });
    try {
      const ray = new RayClient({ baseUrl: server.url, maxRetries: 0 });
      const tail = ray.tailJobLogs('raysubmit_1', { headers: { Authorization: 'Bearer call-secret-42' } });
      const { error } = await drain(tail);
      expect(error).toMatchObject({ status: 403, clientName: 'Ray' });
      expect(server.seen[0]?.headers.authorization).toBe('Bearer call-secret-42');
      expect(JSON.stringify(error)).not.toContain('call-secret-42');
      expect(String((error as Error).message) + JSON.stringify((error as { body?: unknown }).body)).toContain(
        '[REDACTED]',
      );
    } finally {
      await server.close();
    }
  });

  it.each<[string, unknown, string, string]>([
    [
      'maxRetries',
      { maxRetries: 2 },
      'options.maxRetries',
      'options.maxRetries does not apply to tailJobLogs: its WebSocket is opened once, never retried',
    ],
    ['an unknown option', { streamTimeout: 5 }, 'options.streamTimeout', 'Unknown option: streamTimeout'],
    ['a negative read timeout', { timeout: { read: -1 } }, 'options.timeout.read', 'positive number'],
    ['a timeout that is a number', { timeout: 5 }, 'options.timeout', '{ connect?, read? }'],
    ['a header value with LF', { headers: { 'X-Trace': 'a\nb' } }, 'options.headers.X-Trace', 'LF'],
    ['a signal that is not one', { signal: true }, 'options.signal', 'AbortSignal'],
    ['options that are a list', [], 'options', 'options must be an object'],
  ])('%s → ValidationError, nothing sent', async (_, options, argument, message) => {
    const server = await pausingDashboard(0);
    try {
      const ray = new RayClient({ baseUrl: server.url, maxRetries: 0 });
      const { error } = await drain(ray.tailJobLogs('raysubmit_1', options as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ argument });
      expect((error as Error).message).toContain(message);
      expect(server.seen).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('a credential header of the call is not sent over plain http to another host', async () => {
    const ray = new RayClient({ baseUrl: 'http://ray.example:8265', maxRetries: 0 });
    const tail = ray.tailJobLogs('raysubmit_1', { headers: { Authorization: 'Bearer t' } });
    const { error } = await drain(tail);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'options.headers' });
  });
});
