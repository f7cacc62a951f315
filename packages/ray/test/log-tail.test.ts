import { setTimeout as delay } from 'node:timers/promises';
import { blockNetwork, loopbackServer } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, RayClient } from '../src/index.js';

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
