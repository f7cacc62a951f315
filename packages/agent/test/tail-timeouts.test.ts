import { loopbackServer, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import { AgentClient, TimeoutError } from '../src/index.js';
import { failure } from './helpers.js';

const TOKEN = 'agent-secret-token';

function client(baseUrl: string) {
  return new AgentClient({ baseUrl, agentToken: TOKEN, allowInsecureHttp: true, maxRetries: 0 });
}

/** An agent that answers the HTTP stream with `first` and then nothing, and accepts the WebSocket likewise. */
function quietAgent(first: { headers: boolean; line?: string }) {
  return loopbackServer({
    request: (_request, res) => {
      if (!first.headers) return;
      res.writeHead(200, { 'content-type': 'text/plain' });
      if (first.line) res.write(`${first.line}\n`);
    },
    upgrade: (_request, accept) =>
      accept((ws) => {
        if (first.line) ws.send(`${first.line}\n`);
      }),
  });
}

useMockNetwork();

describe('tail timeouts: streamTimeout bounds every wait for the agent', () => {
  it('stream: no response headers within streamTimeout → TimeoutError 408 (read)', async () => {
    const server = await quietAgent({ headers: false });
    try {
      // The connect time counts towards the wait for the headers: room for a loaded machine to reach the server.
      const agent = new AgentClient({
        baseUrl: server.url,
        agentToken: TOKEN,
        maxRetries: 0,
        timeout: { connect: 2, read: 30 },
      });
      const started = Date.now();
      const error = await failure(agent.streamTailJobLogs('job-1', { streamTimeout: 0.2 }));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({
        status: 408,
        reason: 'Agent read timeout (>0.2s)',
        phase: 'read',
        clientName: 'Agent',
        method: 'GET',
        url: `${server.url}/ray/jobs/job-1/logs/stream/`,
      });
      expect(server.seen).toHaveLength(1);
      expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/ray/jobs/job-1/logs/stream/' });
      expect(server.seen[0]?.headers).toMatchObject({
        authorization: TOKEN,
        'agent-token': `Token ${TOKEN}`,
      });
    } finally {
      await server.close();
    }
  });

  it.each([
    ['stream', '/ray/jobs/job-1/logs/stream/'],
    ['websocket', '/ray/jobs/job-1/logs/ws/'],
  ] as const)(
    '%s: no next line within streamTimeout → TimeoutError 408 after the lines read',
    async (protocol, path) => {
      const server = await quietAgent({ headers: true, line: 'hello' });
      try {
        const seen: string[] = [];
        const tail = client(server.url).tailJobLogs('job-1', { protocol, streamTimeout: 0.3 });
        const error = await failure(tail, seen);
        expect(seen).toEqual(['hello']);
        expect(error).toBeInstanceOf(TimeoutError);
        expect(error).toMatchObject({
          status: 408,
          reason: 'Agent read timeout (>0.3s)',
          phase: 'read',
          clientName: 'Agent',
          method: 'GET',
          url: `${protocol === 'websocket' ? server.url.replace('http', 'ws') : server.url}${path}`,
        });
        expect(server.seen).toHaveLength(1);
        expect(server.seen[0]).toMatchObject({ method: 'GET', url: path });
        expect(server.seen[0]?.headers).toMatchObject({
          authorization: TOKEN,
          'agent-token': `Token ${TOKEN}`,
        });
      } finally {
        await server.close();
      }
    },
  );

  it('websocket: a rejected handshake names the Agent client', async () => {
    const server = await loopbackServer({
      upgrade: (_request, _accept, socket) =>
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n'),
    });
    try {
      const error = await failure(client(server.url).websocketTailJobLogs('job-1'));
      expect(error).toMatchObject({
        status: 403,
        clientName: 'Agent',
        method: 'GET',
        url: `${server.url.replace('http', 'ws')}/ray/jobs/job-1/logs/ws/`,
      });
      expect(server.seen[0]?.url).toBe('/ray/jobs/job-1/logs/ws/');
    } finally {
      await server.close();
    }
  });
});
