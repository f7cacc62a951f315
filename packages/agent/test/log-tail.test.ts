import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { loopbackServer, MockApi, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { AgentClient, type FetchFunction } from '../src/index.js';
import { collect, failure } from './helpers.js';

const BASE = 'http://test.synapse.local';
const TOKEN = 'agent-secret-token';

function client(options: { baseUrl?: string; fetch?: FetchFunction } = {}) {
  return new AgentClient({
    baseUrl: options.baseUrl ?? BASE,
    agentToken: TOKEN,
    allowInsecureHttp: true,
    maxRetries: 0,
    fetch: options.fetch,
  });
}

useMockNetwork();

describe('tail validation (behaviors 13–15, 26)', () => {
  it('an unsupported protocol is a ClientError 400, nothing sent', async () => {
    const api = new MockApi(BASE);
    const error = await failure(client().tailJobLogs('job-1', { protocol: 'invalid' as never }));
    expect(error.status).toBe(400);
    expect(error.message).toContain('Unsupported protocol');
    expect(api.requests).toHaveLength(0);
  });

  it('an empty id is a ClientError 400 "ID cannot be empty"', async () => {
    for (const tail of [
      client().tailJobLogs(''),
      client().streamTailJobLogs(''),
      client().websocketTailJobLogs(''),
    ]) {
      const error = await failure(tail);
      expect(error.status).toBe(400);
      expect(error.message).toContain('ID cannot be empty');
      expect(error.reason).toBe('job ID cannot be empty');
    }
  });

  it('stream timeouts must be positive and at most 300 seconds', async () => {
    for (const protocol of ['stream', 'websocket'] as const) {
      const negative = await failure(client().tailJobLogs('job-1', { protocol, streamTimeout: -1 }));
      expect(negative.status).toBe(400);
      expect(negative.message).toContain('positive number');
      const large = await failure(client().tailJobLogs('job-1', { protocol, streamTimeout: 500 }));
      expect(large.status).toBe(400);
      expect(large.message).toContain('exceed 300 seconds');
    }
  });

  it('id format and length', async () => {
    const bad = await failure(client().tailJobLogs('job/../malicious'));
    expect(bad).toMatchObject({ status: 400, reason: 'Invalid job ID format' });
    const long = await failure(client().tailJobLogs('a'.repeat(150)));
    expect(long).toMatchObject({ status: 400, reason: 'job ID too long' });
  });

  it('valid ids reach the server', async () => {
    const api = new MockApi(BASE);
    const ids = ['job-123', 'job_456', 'abc123', 'JOB-UUID-123-456', '12345'];
    for (const id of ids) api.on('GET', `/ray/jobs/${id}/logs/stream/`).reply(200, 'ok\n');
    for (const id of ids) expect(await collect(client().tailJobLogs(id))).toEqual(['ok']);
    expect((await api.all()).map((r) => r.path)).toEqual(ids.map((id) => `/ray/jobs/${id}/logs/stream/`));
  });
});

describe('HTTP stream tail (behaviors 16, 19–22, 25)', () => {
  it('GET ray/jobs/{id}/logs/stream/ with Agent-Token, lines without \\n', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/ray/jobs/job-1/logs/stream/', 2).reply(200, 'line1\nline2\n\nline3\n');
    expect(await collect(client().tailJobLogs('job-1'))).toEqual(['line1', 'line2', 'line3']);
    expect(await collect(client().streamTailJobLogs('job-1'))).toEqual(['line1', 'line2', 'line3']);
    const [req] = await api.all();
    expect(req).toMatchObject({ method: 'GET', path: '/ray/jobs/job-1/logs/stream/', search: '', body: '' });
    expect(req?.headers).toMatchObject({ authorization: TOKEN, 'agent-token': `Token ${TOKEN}` });
  });

  it('connection refused → 503 "connection refused"', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await failure(client({ baseUrl: `http://127.0.0.1:${port}` }).streamTailJobLogs('job-1'));
    expect(error.status).toBe(503);
    expect(error.message.toLowerCase()).toContain('connection refused');
  });

  it('connect timeout → 408', async () => {
    const fetch: FetchFunction = async () => {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' }),
      });
    };
    const error = await failure(client({ fetch }).tailJobLogs('job-1'));
    expect(error.status).toBe(408);
  });

  it('an HTTP error keeps its status (404)', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/ray/jobs/job-1/logs/stream/').reply(404, { detail: 'Not found.' });
    const error = await failure(client().tailJobLogs('job-1'));
    expect(error.status).toBe(404);
  });

  it('60,000 lines → 429 Line limit exceeded after 50,000 lines', async () => {
    const api = new MockApi(BASE);
    const body = Array.from({ length: 60_000 }, (_, i) => `l${i}`).join('\n');
    api.on('GET', '/ray/jobs/job-1/logs/stream/').reply(200, body);
    const seen: string[] = [];
    const error = await failure(
      (async function* () {
        for await (const line of client().tailJobLogs('job-1')) {
          seen.push(line);
          yield line;
        }
      })(),
    );
    expect(error.status).toBe(429);
    expect(error.message).toContain('Line limit exceeded');
    expect(seen).toHaveLength(50_000);
  });

  it('sixty 1 MiB lines → 429 Size limit exceeded', async () => {
    const api = new MockApi(BASE);
    const line = 'x'.repeat(1024 * 1024);
    api
      .on('GET', '/ray/jobs/job-1/logs/stream/')
      .reply(200, Array.from({ length: 60 }, () => line).join('\n'));
    const error = await failure(client().tailJobLogs('job-1'));
    expect(error.status).toBe(429);
    expect(error.message).toContain('Size limit exceeded');
  });

  it('a 20,000-character line is dropped; its neighbours are kept', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/ray/jobs/job-1/logs/stream/').reply(200, `before\n${'y'.repeat(20_000)}\nafter\n`);
    expect(await collect(client().tailJobLogs('job-1'))).toEqual(['before', 'after']);
  });

  function streamingFetch(source: UnderlyingDefaultSource<Uint8Array>): FetchFunction {
    return async () => new Response(new ReadableStream(source), { status: 200 });
  }

  it('a stream that breaks → ClientError, after the lines already read', async () => {
    const encoder = new TextEncoder();
    let step = 0;
    const fetch = streamingFetch({
      pull(controller) {
        step += 1;
        if (step === 1) controller.enqueue(encoder.encode('a\nb\n'));
        else controller.error(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
      },
    });
    const seen: string[] = [];
    const error = await failure(
      (async function* () {
        for await (const line of client({ fetch }).streamTailJobLogs('job-1')) {
          seen.push(line);
          yield line;
        }
      })(),
    );
    expect(seen).toEqual(['a', 'b']);
    expect(error.status).toBe(503);
  });

  it('stopping early closes the response exactly once', async () => {
    const encoder = new TextEncoder();
    let cancelled = 0;
    const fetch = streamingFetch({
      pull(controller) {
        controller.enqueue(encoder.encode('tick\n'));
      },
      cancel() {
        cancelled += 1;
      },
    });
    for await (const line of client({ fetch }).tailJobLogs('job-1')) {
      expect(line).toBe('tick');
      break;
    }
    expect(cancelled).toBe(1);
  });
});

describe('WebSocket tail (behaviors 18, 25)', () => {
  function wsServer(send: (ws: import('ws').WebSocket) => void) {
    return loopbackServer({
      upgrade: (request, accept, socket) => {
        if (request.url?.includes('missing'))
          socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
        else accept(send);
      },
    });
  }

  it('ws://…/ray/jobs/{id}/logs/ws/ with both auth headers; messages become lines', async () => {
    const server = await wsServer((ws) => {
      ws.send('message1\n');
      ws.send('message2\n');
      ws.close(1000);
    });
    try {
      const lines = await collect(
        client({ baseUrl: server.url }).tailJobLogs('job-1', { protocol: 'websocket' }),
      );
      expect(lines).toEqual(['message1', 'message2']);
      expect(server.seen[0]?.url).toBe('/ray/jobs/job-1/logs/ws/');
      expect(server.seen[0]?.headers).toMatchObject({
        authorization: TOKEN,
        'agent-token': `Token ${TOKEN}`,
      });
    } finally {
      await server.close();
    }
  });

  it('a rejected handshake keeps its status; an abnormal close is a ClientError', async () => {
    const server = await wsServer((ws) => {
      ws.send('one\n');
      setTimeout(() => ws.terminate(), 20);
    });
    try {
      const missing = await failure(client({ baseUrl: server.url }).websocketTailJobLogs('missing'));
      expect(missing.status).toBe(404);
      const dropped = await failure(client({ baseUrl: server.url }).websocketTailJobLogs('job-1'));
      expect(dropped.status).toBe(503);
    } finally {
      await server.close();
    }
  });
});

describe('https → wss', () => {
  it('builds a wss URL for an https agent', async () => {
    const error = await failure(
      new AgentClient({ baseUrl: 'https://agent.secure', agentToken: TOKEN }).websocketTailJobLogs('job-1', {
        streamTimeout: 1,
      }),
    );
    expect(error.url).toBe('wss://agent.secure/ray/jobs/job-1/logs/ws/');
    // The blocked network refused the socket: it went to agent.secure's TLS port, and no further.
    expect((error as Error).cause).toMatchObject({
      name: 'NetConnectNotAllowedError',
      message: 'Disallowed net connect for "agent.secure:443"',
    });
  });
});

describe('slow consumers (the stream timeout counts only the wait for the agent)', () => {
  // More lines than a WebSocket tail queues before it pauses the socket (1000): a slow consumer makes it pause.
  const SENT = Array.from({ length: 1500 }, (_, i) => `log line ${i + 1}`);

  /** Sends SENT in batches of 100 lines, one batch every 5 ms, then ends. */
  function sendInBatches(send: (text: string) => void, end: () => void): () => void {
    let next = 0;
    const timer = setInterval(() => {
      for (const line of SENT.slice(next, next + 100)) send(`${line}\n`);
      next += 100;
      if (next >= SENT.length) {
        clearInterval(timer);
        end();
      }
    }, 5);
    return () => clearInterval(timer);
  }

  /** An agent that sends SENT quickly over the HTTP stream and over the WebSocket. */
  function busyAgent() {
    return loopbackServer({
      request: (_request, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.on(
          'close',
          sendInBatches(
            (text) => res.write(text),
            () => res.end(),
          ),
        );
      },
      upgrade: (_request, accept) =>
        accept((ws) => {
          ws.once(
            'close',
            sendInBatches(
              (text) => ws.send(text),
              () => ws.close(1000),
            ),
          );
        }),
    });
  }

  /** Takes 300 ms over every 500th line, longer than the 0.2 s stream timeout. */
  async function slowly(lines: AsyncIterable<string>): Promise<string[]> {
    const out: string[] = [];
    for await (const line of lines) {
      out.push(line);
      if (out.length % 500 === 1) await delay(300);
    }
    return out;
  }

  it.each([
    ['stream', '/ray/jobs/job-1/logs/stream/'],
    ['websocket', '/ray/jobs/job-1/logs/ws/'],
  ] as const)(
    '%s: a consumer taking longer per line than streamTimeout gets every line',
    async (protocol, url) => {
      const server = await busyAgent();
      try {
        const tail = client({ baseUrl: server.url }).tailJobLogs('job-1', { protocol, streamTimeout: 0.2 });
        expect(await slowly(tail)).toEqual(SENT);
        expect(server.seen).toHaveLength(1);
        expect(server.seen[0]).toMatchObject({ method: 'GET', url });
        expect(server.seen[0]?.headers).toMatchObject({
          authorization: TOKEN,
          'agent-token': `Token ${TOKEN}`,
        });
        if (protocol === 'websocket') expect(server.seen[0]?.headers.upgrade).toBe('websocket');
      } finally {
        await server.close();
      }
    },
  );
});
