import { loopbackServer } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { clientWebSocketLines, NotFoundError, Redactor, TimeoutError } from '../src/internal.js';

const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

describe('clientWebSocketLines', () => {
  it('opens ws:// for an http URL with the given headers and yields the lines', async () => {
    const server = await loopbackServer({
      upgrade: (_req, accept) =>
        accept((ws) => {
          ws.send('a\n\nb\n');
          ws.close(1000);
        }),
    });
    try {
      const lines = clientWebSocketLines(`${server.url}/logs/`, {
        headers: { 'X-Key': 'k-1' },
        keepEmpty: true,
        connectTimeout: 1,
        timeout: { connect: 1, read: 2 },
        clientName: 'Tail',
        redactor: new Redactor([]),
      });
      expect(await collect(lines)).toEqual(['a', '', 'b']);
      expect(server.seen[0]?.url).toBe('/logs/');
      expect(server.seen[0]?.headers['x-key']).toBe('k-1');
      expect(server.seen[0]?.headers.upgrade).toBe('websocket');
    } finally {
      await server.close();
    }
  });

  it("maps a rejected handshake and a silent socket to the client's errors, secrets masked", async () => {
    const server = await loopbackServer({
      upgrade: (req, accept, socket) => {
        if (req.url === '/quiet/') accept(() => {});
        else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      },
    });
    const options = {
      connectTimeout: 1,
      idleTimeout: 0.05,
      timeout: { connect: 1, read: 0.05 },
      clientName: 'Tail',
      redactor: new Redactor(['s3cret-path']),
    };
    try {
      const rejected = await collect(clientWebSocketLines(`${server.url}/s3cret-path/`, options)).catch(
        (e: unknown) => e,
      );
      const wsUrl = `${server.url.replace('http', 'ws')}/[REDACTED]/`;
      expect(rejected).toBeInstanceOf(NotFoundError);
      expect(rejected).toMatchObject({ status: 404, clientName: 'Tail', method: 'GET', url: wsUrl });
      expect((rejected as NotFoundError).message).toBe(`Tail GET ${wsUrl}: 404 Not Found`);
      const silent = await collect(clientWebSocketLines(`${server.url}/quiet/`, options)).catch(
        (e: unknown) => e,
      );
      expect(silent).toBeInstanceOf(TimeoutError);
      expect(silent).toMatchObject({ status: 408, phase: 'read', clientName: 'Tail' });
    } finally {
      await server.close();
    }
  });
});

describe('clientWebSocketLines handshake', () => {
  it('an unanswered handshake is a connect TimeoutError naming the limit', async () => {
    const server = await loopbackServer({ upgrade: () => {} });
    try {
      const error = await clientWebSocketLines(`${server.url}/x/`, {
        connectTimeout: 0.2,
        timeout: { connect: 0.2, read: 1 },
        clientName: 'Tail',
        redactor: new Redactor([]),
      })
        .next()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ status: 408, phase: 'connect', clientName: 'Tail' });
      expect((error as TimeoutError).message).toBe(
        `Tail connect timeout (>0.2s): GET ${server.url.replace('http', 'ws')}/x/`,
      );
    } finally {
      await server.close();
    }
  });
});
