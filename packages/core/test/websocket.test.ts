import { createHash } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { loopbackServer } from '@synapse/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import {
  AbortError,
  ClientError,
  ConnectionError,
  NotFoundError,
  openWebSocket,
  openWebSocketLines,
  PermissionDeniedError,
  Redactor,
  TimeoutError,
  type WebSocketFailure,
} from '../src/internal.js';
import { toWebSocketUrl, webSocketError } from '../src/websocket.js';

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

/** A `toError` that also keeps each failure it is given. */
function recording() {
  const failures: WebSocketFailure[] = [];
  return {
    failures,
    toError: (failure: WebSocketFailure) => {
      failures.push(failure);
      return toError(failure);
    },
  };
}

let current: Served | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
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

describe('openWebSocket: the handshake', () => {
  /** A server that never answers the handshake; `ended` resolves once the client has closed the connection. */
  function holdHandshakes() {
    let reached: () => void = () => {};
    let ended: () => void = () => {};
    return {
      reached: new Promise<void>((resolve) => {
        reached = resolve;
      }),
      ended: new Promise<void>((resolve) => {
        ended = resolve;
      }),
      reject: (socket: Duplex) => {
        reached();
        socket.resume().once('end', () => {
          socket.destroy();
          ended();
        });
        return true;
      },
    };
  }

  it('offers no per-message compression', async () => {
    current = await serve((ws) => ws.close(1000));
    expect(await collect(openWebSocket(current.url, { toError }))).toEqual([]);
    expect(current.headers).toHaveLength(1);
    expect(current.headers[0]?.['sec-websocket-extensions']).toBeUndefined();
  });

  it("a rejected handshake keeps the server's status text and headers (repeated ones joined)", async () => {
    current = await serve(
      () => {},
      (socket) => {
        socket.end(
          'HTTP/1.1 403 Token Expired\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n' +
            'Content-Length: 4\r\n\r\nnope',
        );
        return true;
      },
    );
    const rec = recording();
    const error = await collect(openWebSocket(current.url, { toError: rec.toError })).catch(
      (e: unknown) => e,
    );
    expect(rec.failures).toEqual([
      {
        kind: 'status',
        status: 403,
        statusText: 'Token Expired',
        body: 'nope',
        headers: { 'content-type': 'text/plain', 'set-cookie': 'a=1, b=2', 'content-length': '4' },
      },
    ]);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({
      status: 403,
      reason: 'Token Expired',
      method: 'GET',
      body: 'nope',
      message: 'Test GET ws://127.0.0.1/tail?t=[REDACTED]: 403 Token Expired nope',
    });
  });

  it('a URL ws cannot open fails at once, as a request failure (500)', async () => {
    const rec = recording();
    const error = await collect(openWebSocket('ftp://127.0.0.1/tail', { toError: rec.toError })).catch(
      (e: unknown) => e,
    );
    expect(rec.failures).toEqual([
      expect.objectContaining({
        kind: 'other',
        detail: expect.stringContaining("The URL's protocol must be"),
      }),
    ]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 500, method: 'GET' });
    expect((error as ClientError).reason).toMatch(/^Test request failed: The URL's protocol must be one of/);
  });

  it('a server that never completes the handshake times out in the connect phase, whatever the idle timeout', async () => {
    const held = holdHandshakes();
    current = await serve(() => {}, held.reject);
    const rec = recording();
    const error = await collect(
      openWebSocket(current.url, { toError: rec.toError, connectTimeout: 0.3, idleTimeout: 0.05 }),
    ).catch((e: unknown) => e);
    expect(rec.failures).toEqual([{ kind: 'timeout', phase: 'connect', sent: false, cause: undefined }]);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ status: 408, phase: 'connect', reason: 'Test connect timeout (>1s)' });
    await held.ended;
  });

  it('the connect timeout is 10 s by default', async () => {
    const held = holdHandshakes();
    current = await serve(() => {}, held.reject);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const rec = recording();
    const result = collect(openWebSocket(current.url, { toError: rec.toError })).catch((e: unknown) => e);
    await held.reached;
    await vi.advanceTimersByTimeAsync(9_999);
    expect(rec.failures).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rec.failures).toEqual([{ kind: 'timeout', phase: 'connect', sent: false, cause: undefined }]);
    expect(await result).toBeInstanceOf(TimeoutError);
    await held.ended;
  });
});

describe('openWebSocket: how a stream ends', () => {
  it('a close with an abnormal code is a connection failure that quotes the code and the reason', async () => {
    current = await serve((ws) => {
      ws.send('last\n');
      ws.close(4000, 'job deleted');
    });
    const rec = recording();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const message of openWebSocket(current?.url ?? '', { toError: rec.toError }))
        seen.push(message);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['last\n']);
    const detail = 'WebSocket closed abnormally (4000 job deleted)';
    expect(rec.failures).toEqual([{ kind: 'connection', sent: true, detail, cause: undefined }]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 503, reason: `Test connection error: ${detail}` });
  });

  it('a connection that drops without a close frame quotes only the code (1006)', async () => {
    current = await serve((ws) => ws.terminate());
    const rec = recording();
    await expect(collect(openWebSocket(current.url, { toError: rec.toError }))).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(rec.failures).toEqual([
      { kind: 'connection', sent: true, detail: 'WebSocket closed abnormally (1006)', cause: undefined },
    ]);
  });

  it('a server that breaks the protocol after the handshake is a connection error (503)', async () => {
    const server = await loopbackServer({
      upgrade: (req, _accept, socket) => {
        const accept = createHash('sha1')
          .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
          .digest('base64');
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
        );
        // A text frame that announces 200 MiB, over what the client accepts in one message.
        const header = Buffer.alloc(10);
        header[0] = 0x81;
        header[1] = 127;
        header.writeBigUInt64BE(200n * 1024n * 1024n, 2);
        socket.write(header);
        socket.resume().once('end', () => socket.destroy());
      },
    });
    try {
      const rec = recording();
      const error = await collect(
        openWebSocket(`${server.url.replace('http', 'ws')}/tail`, { toError: rec.toError }),
      ).catch((e: unknown) => e);
      expect(rec.failures).toEqual([
        expect.objectContaining({ kind: 'connection', sent: true, detail: 'Max payload size exceeded' }),
      ]);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({
        status: 503,
        reason: 'Test connection error: Max payload size exceeded',
      });
    } finally {
      await server.close();
    }
  });

  it('a read timeout is a failure of a request that was sent', async () => {
    current = await serve(() => {});
    const rec = recording();
    await expect(
      collect(openWebSocket(current.url, { toError: rec.toError, idleTimeout: 0.1 })),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(rec.failures).toEqual([{ kind: 'timeout', phase: 'read', sent: true, cause: undefined }]);
  });

  it('an already aborted signal fails at once, connecting to nothing', async () => {
    current = await serve((ws) => {
      ws.send('hello\n');
      ws.close(1000);
    });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    controller.abort(reason);
    const rec = recording();
    const error = await collect(
      openWebSocket(current.url, { toError: rec.toError, signal: controller.signal }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).message).toBe('Test GET ws://127.0.0.1/tail?t=[REDACTED] was aborted');
    expect(rec.failures).toEqual([{ kind: 'aborted', sent: false, cause: reason }]);
    expect(current.headers).toEqual([]);
  });

  it('an abort once the socket is open is a failure of a request that was sent', async () => {
    current = await serve((ws) => ws.send('hello\n'));
    const controller = new AbortController();
    const rec = recording();
    const error = await (async () => {
      for await (const _ of openWebSocket(current?.url ?? '', {
        toError: rec.toError,
        signal: controller.signal,
      }))
        controller.abort('stop');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(rec.failures).toEqual([{ kind: 'aborted', sent: true, cause: 'stop' }]);
  });

  it("leaves no listener on the caller's signal, however the stream ends", async () => {
    const controller = new AbortController();
    const { signal } = controller;
    current = await serve((ws) => {
      ws.send('one\n');
      ws.close(1000);
    });
    expect(await collect(openWebSocket(current.url, { toError, signal }))).toEqual(['one\n']);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    for await (const _ of openWebSocket(current.url, { toError, signal })) {
      expect(getEventListeners(signal, 'abort')).toHaveLength(1);
      break;
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});

describe('openWebSocket: a consumer that falls behind', () => {
  /** Records the pauses and resumes of the client's socket (the server's sockets never pause). */
  function watchFlow() {
    const log: string[] = [];
    let onPause: () => void = () => {};
    const paused = new Promise<void>((resolve) => {
      onPause = resolve;
    });
    const { pause, resume } = WebSocket.prototype;
    vi.spyOn(WebSocket.prototype, 'pause').mockImplementation(function (this: WebSocket) {
      log.push('pause');
      onPause();
      pause.call(this);
    });
    vi.spyOn(WebSocket.prototype, 'resume').mockImplementation(function (this: WebSocket) {
      log.push('resume');
      resume.call(this);
    });
    return { log, paused };
  }

  /** Resolves once the client has read everything the server sent before (it answers the ping in order). */
  const roundTrip = (ws: WebSocket) =>
    new Promise<void>((resolve) => {
      ws.once('pong', () => resolve());
      ws.ping();
    });

  async function openedServer() {
    let opened: (ws: WebSocket) => void = () => {};
    const socket = new Promise<WebSocket>((resolve) => {
      opened = resolve;
    });
    current = await serve((ws) => {
      opened(ws);
      ws.send('first');
    });
    return { url: current.url, socket };
  }

  it('pauses the socket once maxQueue messages wait, and resumes it once fewer than half do', async () => {
    const flow = watchFlow();
    const { url, socket } = await openedServer();
    const stream = openWebSocket(url, { toError, maxQueue: 4 });
    expect(await stream.next()).toEqual({ done: false, value: 'first' });
    const server = await socket;
    for (const message of ['m2', 'm3', 'm4']) server.send(message);
    await roundTrip(server);
    expect(flow.log).toEqual([]);
    server.send('m5');
    await Promise.race([flow.paused, roundTrip(server)]);
    expect(flow.log).toEqual(['pause']);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { value } = await stream.next();
      seen.push(`${value} ${flow.log.join(',')}`);
    }
    expect(seen).toEqual(['m2 pause', 'm3 pause', 'm4 pause,resume', 'm5 pause,resume']);
    server.close(1000);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('pauses at 1000 waiting messages by default', async () => {
    const flow = watchFlow();
    const { url, socket } = await openedServer();
    const stream = openWebSocket(url, { toError });
    expect(await stream.next()).toEqual({ done: false, value: 'first' });
    const server = await socket;
    for (let i = 1; i < 1000; i++) server.send(`m${i}`);
    await roundTrip(server);
    expect(flow.log).toEqual([]);
    server.send('m1000');
    await Promise.race([flow.paused, roundTrip(server)]);
    expect(flow.log).toEqual(['pause']);
    await stream.return(undefined);
    await expect(current?.closed[0]).resolves.toBeUndefined();
  });
});

describe('openWebSocket in a browser (a global WebSocket, without headers)', () => {
  const created: string[] = [];
  beforeEach(() => {
    created.length = 0;
    vi.stubGlobal(
      'WebSocket',
      class extends WebSocket {
        constructor(url: string) {
          super(url);
          created.push(url);
        }
      },
    );
  });

  it('yields the text messages of the global WebSocket until a normal close', async () => {
    current = await serve((ws) => {
      ws.send('one\n');
      ws.send('two\n');
      ws.close(1000);
    });
    expect(await collect(openWebSocket(current.url, { toError }))).toEqual(['one\n', 'two\n']);
    expect(created).toEqual([current.url]);
  });

  it('uses ws when handshake headers are needed, which a browser WebSocket cannot send', async () => {
    current = await serve((ws) => ws.close(1000));
    await collect(openWebSocket(current.url, { toError, headers: { 'X-Token': 'abc' } }));
    expect(created).toEqual([]);
    expect(current.headers[0]?.['x-token']).toBe('abc');
  });

  it('an abnormal close quotes its code and reason', async () => {
    current = await serve((ws) => ws.close(4001, 'gone'));
    const rec = recording();
    await expect(collect(openWebSocket(current.url, { toError: rec.toError }))).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(rec.failures).toEqual([
      { kind: 'connection', sent: true, detail: 'WebSocket closed abnormally (4001 gone)', cause: undefined },
    ]);
  });

  it('a socket that fails is a connection error (a browser tells no more)', async () => {
    const server = await serve(() => {});
    const { url } = server;
    await server.stop();
    const rec = recording();
    await expect(collect(openWebSocket(url, { toError: rec.toError }))).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(rec.failures).toEqual([
      expect.objectContaining({ kind: 'connection', sent: true, detail: 'WebSocket error' }),
    ]);
  });

  it('times out a silent server once the socket is open', async () => {
    current = await serve(() => {});
    const rec = recording();
    await expect(
      collect(openWebSocket(current.url, { toError: rec.toError, idleTimeout: 0.1, connectTimeout: 5 })),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(rec.failures).toEqual([{ kind: 'timeout', phase: 'read', sent: true, cause: undefined }]);
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
});

describe('toWebSocketUrl and webSocketError', () => {
  it('changes only the scheme at the start of the URL', () => {
    expect(toWebSocketUrl('HTTP://a/b')).toBe('ws://a/b');
    expect(toWebSocketUrl('ws://a/b?next=http://c/')).toBe('ws://a/b?next=http://c/');
  });

  it('a transport failure is the error of a GET of the socket URL', () => {
    const error = toError({ kind: 'refused', sent: false, cause: undefined });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      status: 503,
      method: 'GET',
      url: 'ws://127.0.0.1/tail?t=[REDACTED]',
      message: 'Test connection refused: GET ws://127.0.0.1/tail?t=[REDACTED]',
    });
  });
});
