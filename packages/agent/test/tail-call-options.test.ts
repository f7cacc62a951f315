import { loopbackServer, MockApi, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AgentClient,
  type FetchFunction,
  type TailJobLogsOptions,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { collect, failure } from './helpers.js';

const BASE = 'http://test.synapse.local';
const TOKEN = 'agent-secret-token';
const STREAM = '/ray/jobs/job-1/logs/stream/';
const SOCKET = '/ray/jobs/job-1/logs/ws/';

function client(options: { baseUrl?: string; fetch?: FetchFunction; headers?: Record<string, string> } = {}) {
  return new AgentClient({
    baseUrl: options.baseUrl ?? BASE,
    agentToken: TOKEN,
    allowInsecureHttp: true,
    maxRetries: 0,
    retry: { initialDelay: 0.01 },
    fetch: options.fetch,
    headers: options.headers,
  });
}

/** An agent whose HTTP stream and WebSocket send `first`, then nothing (or end, when `end` is set). */
function agentSending(first: string, end = false) {
  return loopbackServer({
    request: (_request, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(`${first}\n`);
      if (end) res.end();
    },
    upgrade: (_request, accept) =>
      accept((ws) => {
        ws.send(`${first}\n`);
        if (end) ws.close(1000);
      }),
  });
}

useMockNetwork();

describe('HTTP stream tail: the call options', () => {
  it('headers go out after the auth and Agent-Token; Agent-Token given again (any case) replaces the tail’s', async () => {
    const api = new MockApi(BASE);
    api.on('GET', STREAM, 2).reply(200, 'one\ntwo\n');
    const agent = client({ headers: { 'X-Team': 'ml' } });
    const headers = { 'X-Trace': 't1', 'agent-token': 'Token other-agent' };
    expect(await collect(agent.tailJobLogs('job-1', { headers }))).toEqual(['one', 'two']);
    expect(await collect(agent.streamTailJobLogs('job-1', { headers }))).toEqual(['one', 'two']);
    for (const req of await api.all()) {
      expect(req).toMatchObject({ method: 'GET', path: STREAM, search: '', body: '' });
      expect(req.headers).toMatchObject({
        authorization: TOKEN,
        'agent-token': 'Token other-agent',
        'x-trace': 't1',
        'x-team': 'ml',
      });
    }
  });

  it('maxRetries retries opening the stream (the client itself does not retry)', async () => {
    const api = new MockApi(BASE);
    api.on('GET', STREAM).reply(503, 'busy').on('GET', STREAM).reply(200, 'after a retry\n');
    const lines = await collect(client().tailJobLogs('job-1', { protocol: 'stream', maxRetries: 1 }));
    expect(lines).toEqual(['after a retry']);
    const sent = await api.all();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${STREAM}`, `GET ${STREAM}`]);
  });

  it('without maxRetries a failure to open is not retried, as the client is set', async () => {
    const api = new MockApi(BASE);
    api.on('GET', STREAM).reply(503, 'busy');
    const error = await failure(client().streamTailJobLogs('job-1'));
    expect(error.status).toBe(503);
    expect(api.requests).toHaveLength(1);
  });

  it('timeout.read is the stream timeout: no next line within it → TimeoutError 408 after the lines read', async () => {
    const server = await agentSending('hello');
    try {
      const seen: string[] = [];
      const error = await failure(
        client({ baseUrl: server.url }).streamTailJobLogs('job-1', { timeout: { read: 0.2 } }),
        seen,
        TimeoutError,
      );
      expect(seen).toEqual(['hello']);
      expect(error).toMatchObject({ status: 408, phase: 'read', reason: 'Agent read timeout (>0.2s)' });
      expect(server.seen[0]).toMatchObject({ method: 'GET', url: STREAM });
    } finally {
      await server.close();
    }
  });

  it('timeout.connect bounds the connection and is named by its error', async () => {
    const fetch: FetchFunction = async () => {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' }),
      });
    };
    const error = await failure(
      client({ fetch }).streamTailJobLogs('job-1', { timeout: { connect: 1.5 } }),
      [],
      TimeoutError,
    );
    expect(error).toMatchObject({ status: 408, phase: 'connect', reason: 'Agent connect timeout (>1.5s)' });
  });

  it('signal ends the tail with an AbortError', async () => {
    const server = await agentSending('first');
    try {
      const controller = new AbortController();
      const seen: string[] = [];
      const lines = client({ baseUrl: server.url }).streamTailJobLogs('job-1', { signal: controller.signal });
      const error = await failure(
        (async function* () {
          for await (const line of lines) {
            seen.push(line);
            controller.abort();
            yield line;
          }
        })(),
        [],
        AbortError,
      );
      expect(error).toBeInstanceOf(AbortError);
      expect(seen).toEqual(['first']);
    } finally {
      await server.close();
    }
  });
});

describe('WebSocket tail: the call options', () => {
  it('headers go on the handshake after the auth and Agent-Token (a name given again, in any case, replaces it)', async () => {
    const server = await agentSending('hi', true);
    try {
      const agent = client({ baseUrl: server.url, headers: { 'X-Team': 'ml' } });
      const headers = { 'X-Trace': 't2', 'AGENT-TOKEN': 'Token other-agent' };
      expect(await collect(agent.websocketTailJobLogs('job-1', { headers }))).toEqual(['hi']);
      expect(await collect(agent.tailJobLogs('job-1', { protocol: 'websocket', headers }))).toEqual(['hi']);
      expect(server.seen).toHaveLength(2);
      for (const request of server.seen) {
        expect(request).toMatchObject({ method: 'GET', url: SOCKET });
        expect(request.headers).toMatchObject({
          authorization: TOKEN,
          'agent-token': 'Token other-agent',
          'x-trace': 't2',
          'x-team': 'ml',
          upgrade: 'websocket',
        });
        expect(request.rawHeaders.filter((name) => /^agent-token$/i.test(name))).toHaveLength(1);
      }
    } finally {
      await server.close();
    }
  });

  it('timeout.read is the stream timeout: no next message within it → TimeoutError 408', async () => {
    const server = await agentSending('hello');
    try {
      const seen: string[] = [];
      const tail = client({ baseUrl: server.url }).tailJobLogs('job-1', {
        protocol: 'websocket',
        timeout: { read: 0.2 },
      });
      const error = await failure(tail, seen, TimeoutError);
      expect(seen).toEqual(['hello']);
      expect(error).toMatchObject({
        status: 408,
        phase: 'read',
        reason: 'Agent read timeout (>0.2s)',
        url: `${server.url.replace('http', 'ws')}${SOCKET}`,
      });
    } finally {
      await server.close();
    }
  });

  it('timeout.connect bounds the handshake', async () => {
    // Takes the connection, never answers the upgrade.
    const server = await loopbackServer({ upgrade: () => undefined });
    try {
      const started = Date.now();
      const tail = client({ baseUrl: server.url }).websocketTailJobLogs('job-1', {
        // Long enough for a loaded machine to deliver the upgrade the server then leaves unanswered.
        timeout: { connect: 1 },
      });
      const error = await failure(tail, [], TimeoutError);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error).toMatchObject({ status: 408, phase: 'connect', reason: 'Agent connect timeout (>1s)' });
      expect(server.seen[0]?.url).toBe(SOCKET);
    } finally {
      await server.close();
    }
  });

  it('a credential in the call’s headers is masked in the error of a rejected handshake', async () => {
    const server = await loopbackServer({
      upgrade: (request, _accept, socket) => {
        const body = `unknown key ${request.headers['x-api-key']}`;
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      },
    });
    try {
      const tail = client({ baseUrl: server.url }).websocketTailJobLogs('job-1', {
        headers: { 'X-Api-Key': 'call-key-0042' },
      });
      const error = await failure(tail);
      expect(error.status).toBe(403);
      expect(server.seen[0]?.headers['x-api-key']).toBe('call-key-0042');
      expect(JSON.stringify(error)).not.toContain('call-key-0042');
      expect(JSON.stringify(error)).toContain('unknown key [REDACTED]');
    } finally {
      await server.close();
    }
  });
});

describe('tail options are checked before anything is sent', () => {
  type Open = (agent: AgentClient) => AsyncGenerator<string>;
  it.each<[string, string, Open, string]>([
    [
      'maxRetries on tailJobLogs over websocket',
      'options.maxRetries',
      (a) => a.tailJobLogs('job-1', { protocol: 'websocket', maxRetries: 1 } as TailJobLogsOptions),
      'does not apply to a WebSocket tail',
    ],
    [
      'maxRetries on websocketTailJobLogs',
      'options.maxRetries',
      (a) => a.websocketTailJobLogs('job-1', { maxRetries: 0 } as never),
      'does not apply to a WebSocket tail',
    ],
    [
      'timeout.read and streamTimeout together',
      'options.timeout.read',
      (a) => a.tailJobLogs('job-1', { streamTimeout: 5, timeout: { read: 5 } }),
      'same setting',
    ],
    [
      'timeout.read and streamTimeout together (websocket)',
      'options.timeout.read',
      (a) => a.websocketTailJobLogs('job-1', { streamTimeout: 5, timeout: { read: 5 } }),
      'same setting',
    ],
    [
      'an unknown option',
      'options.idleTimeout',
      (a) => a.streamTailJobLogs('job-1', { idleTimeout: 5 } as never),
      'Unknown option: idleTimeout',
    ],
    [
      'a misspelt option of tailJobLogs',
      'options.protcol',
      (a) => a.tailJobLogs('job-1', { protcol: 'websocket' } as never),
      'Unknown option: protcol',
    ],
    [
      'a timeout that is a number',
      'options.timeout',
      (a) => a.tailJobLogs('job-1', { timeout: 10 } as never),
      '{ connect?, read? }',
    ],
    [
      'a zero read timeout',
      'options.timeout.read',
      (a) => a.websocketTailJobLogs('job-1', { timeout: { read: 0 } }),
      'positive number',
    ],
    [
      'a header value with CR',
      'options.headers.X-Trace',
      (a) => a.streamTailJobLogs('job-1', { headers: { 'X-Trace': 'a\rb' } }),
      'CR',
    ],
    [
      'a negative maxRetries',
      'options.maxRetries',
      (a) => a.streamTailJobLogs('job-1', { maxRetries: -1 }),
      'whole number',
    ],
    [
      'a signal that is not one',
      'options.signal',
      (a) => a.tailJobLogs('job-1', { signal: 'stop' } as never),
      'AbortSignal',
    ],
    ['options that are null', 'options', (a) => a.tailJobLogs('job-1', null as never), 'must be an object'],
    [
      'options that are a string',
      'options',
      (a) => a.websocketTailJobLogs('job-1', 'fast' as never),
      'must be an object',
    ],
  ])('%s → ValidationError naming %s; no request, no handshake', async (_, argument, open, message) => {
    // A live agent on both protocols: nothing may reach it.
    const server = await agentSending('x', true);
    try {
      const error = await failure(open(client({ baseUrl: server.url })), [], ValidationError);
      expect(error).toMatchObject({ argument });
      expect(error.message).toContain(message);
      expect(server.seen).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('the types refuse maxRetries on a WebSocket tail too (checked by tsc; the tails are never started)', () => {
    const agent = client();
    // @ts-expect-error a WebSocket tail takes no maxRetries
    void agent.websocketTailJobLogs('job-1', { maxRetries: 1 });
    // @ts-expect-error nor does tailJobLogs over websocket
    void agent.tailJobLogs('job-1', { protocol: 'websocket', maxRetries: 1 });
    void agent.tailJobLogs('job-1', { protocol: 'stream', maxRetries: 1 });
    void agent.tailJobLogs('job-1', { maxRetries: 1, timeout: { connect: 1, read: 20 } });
    expect(agent).toBeInstanceOf(AgentClient);
  });
});
