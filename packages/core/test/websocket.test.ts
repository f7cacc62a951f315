import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  ClientError,
  ConnectionError,
  NotFoundError,
  openWebSocket,
  openWebSocketLines,
  Redactor,
  TimeoutError,
  toWebSocketUrl,
  type WebSocketFailure,
  webSocketError,
} from '../src/index.js';

interface Served {
  url: string;
  headers: IncomingMessage['headers'][];
  closed: Promise<void>[];
  stop(): Promise<void>;
}

type Reject = (socket: Duplex) => boolean;

async function serve(onOpen: (ws: WebSocket) => void, reject?: Reject): Promise<Served> {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const served: Served = { url: '', headers: [], closed: [], stop: async () => {} };
  server.on('upgrade', (request, socket, head) => {
    served.headers.push(request.headers);
    if (reject?.(socket)) return;
    wss.handleUpgrade(request, socket, head, (ws) => {
      served.closed.push(new Promise((resolve) => ws.once('close', () => resolve())));
      onOpen(ws);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  served.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/tail`;
  served.stop = async () => {
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return served;
}

const toError = (failure: WebSocketFailure) =>
  webSocketError(failure, {
    clientName: 'Test',
    redactor: new Redactor(['secret-token']),
    url: 'ws://127.0.0.1/tail?t=secret-token',
    timeout: { connect: 1, read: 0.2 },
  });

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

let current: Served | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('openWebSocket', () => {
  it('yields text messages until a normal close, sending the handshake headers', async () => {
    current = await serve((ws) => {
      ws.send('one\n');
      ws.send('two\n');
      ws.close(1000);
    });
    const messages = await collect(openWebSocket(current.url, { headers: { 'X-Token': 'abc' }, toError }));
    expect(messages).toEqual(['one\n', 'two\n']);
    expect(current.headers[0]?.['x-token']).toBe('abc');
  });

  it('splits lines across and within messages', async () => {
    current = await serve((ws) => {
      ws.send('a\nb');
      ws.send('c\n\nd\n');
      ws.send('tail');
      ws.close(1000);
    });
    expect(await collect(openWebSocketLines(current.url, { toError }))).toEqual(['a', 'bc', 'd', 'tail']);
    expect(await collect(openWebSocketLines(current.url, { toError, keepEmpty: true }))).toEqual([
      'a',
      'bc',
      '',
      'd',
      'tail',
    ]);
  });

  it('maps a rejected handshake to the status error with the body text', async () => {
    current = await serve(
      () => {},
      (socket) => {
        socket.end(
          'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 23\r\n\r\nJob nope does not exist',
        );
        return true;
      },
    );
    const error = await collect(openWebSocket(current.url, { toError })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, reason: 'Not Found', body: 'Job nope does not exist' });
    expect((error as Error).message).toContain('Job nope does not exist');
    expect((error as Error).message).not.toContain('secret-token');
  });

  it('an abnormal close (1006) is a connection error', async () => {
    current = await serve((ws) => {
      ws.send('first\n');
      setTimeout(() => ws.terminate(), 20);
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const message of openWebSocket(current?.url ?? '', { toError })) seen.push(message);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['first\n']);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ClientError).status).toBe(503);
  });

  it('a refused connection is a 503', async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.stop();
    const error = await collect(openWebSocket(url, { toError })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 503, reason: 'Test connection refused' });
  });

  it('an idle socket times out with a 408', async () => {
    current = await serve(() => {});
    const error = await collect(openWebSocket(current.url, { toError, idleTimeout: 0.2 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ status: 408, phase: 'read' });
  });

  it('closes the socket when the consumer stops early', async () => {
    current = await serve((ws) => {
      const timer = setInterval(() => ws.send('tick\n'), 5);
      ws.once('close', () => clearInterval(timer));
    });
    for await (const message of openWebSocket(current.url, { toError })) {
      expect(message).toBe('tick\n');
      break;
    }
    await expect(current.closed[0]).resolves.toBeUndefined();
  });

  it('an abort signal ends the stream with an AbortError and closes the socket', async () => {
    current = await serve((ws) => ws.send('hello\n'));
    const controller = new AbortController();
    const error = await (async () => {
      for await (const _ of openWebSocket(current?.url ?? '', { toError, signal: controller.signal })) {
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    await expect(current.closed[0]).resolves.toBeUndefined();
  });

  it('converts http URLs to ws URLs', () => {
    expect(toWebSocketUrl('http://a/b')).toBe('ws://a/b');
    expect(toWebSocketUrl('https://a/b')).toBe('wss://a/b');
  });

  it('ClientError for a status keeps the status class', () => {
    const error = toError({ kind: 'status', status: 400, statusText: '', body: 'bad', headers: {} });
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ status: 400, reason: 'bad' });
  });

  describe('the idle timeout counts only the wait for the server', () => {
    it('a consumer slower than the idle timeout gets every line, also when its full queue pauses the socket', async () => {
      const sent = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
      current = await serve((ws) => {
        let next = 0;
        const timer = setInterval(() => {
          ws.send(`${sent[next]}\n`);
          next++;
          if (next === sent.length) {
            clearInterval(timer);
            ws.close(1000);
          }
        }, 50);
        ws.once('close', () => clearInterval(timer));
      });
      const seen: string[] = [];
      const lines = openWebSocketLines(current.url, {
        headers: { Authorization: 'Token ws-token' },
        toError,
        idleTimeout: 0.2,
        maxQueue: 4,
      });
      for await (const line of lines) {
        seen.push(line);
        await delay(300);
      }
      expect(seen).toEqual(sent);
      expect(current.headers).toHaveLength(1);
      expect(current.headers[0]?.authorization).toBe('Token ws-token');
    });

    it('a server that goes silent times out (408, read) an idle timeout after the consumer asks for more', async () => {
      current = await serve((ws) => ws.send('only line\n'));
      const seen: string[] = [];
      let askedAgain = 0;
      const error = await (async () => {
        for await (const line of openWebSocketLines(current?.url ?? '', { toError, idleTimeout: 0.2 })) {
          seen.push(line);
          await delay(300);
          askedAgain = performance.now();
        }
      })().catch((e: unknown) => e);
      const waited = (performance.now() - askedAgain) / 1000;
      expect(seen).toEqual(['only line']);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ status: 408, phase: 'read' });
      expect(waited).toBeGreaterThan(0.18);
      expect(waited).toBeLessThan(1.5);
      await expect(current.closed[0]).resolves.toBeUndefined();
    });

    it('a connect timeout beyond the timer range does not fire at once', async () => {
      current = await serve((ws) => {
        ws.send('hello\n');
        ws.close(1000);
      });
      const lines = openWebSocketLines(current.url, { toError, connectTimeout: 3e9, idleTimeout: 3e9 });
      expect(await collect(lines)).toEqual(['hello']);
    });
  });
});
