import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import WebSocket from 'ws';
import type { EmulatedService, ServiceContext } from '../../src/shared/service.js';

export const AGENT_TOKEN = 'agent-test-token';

/** A ServiceContext with short job timings; `baseUrl` is filled in once the server listens. */
export function testContext(overrides: Partial<ServiceContext> = {}): ServiceContext {
  let base = '';
  const context: ServiceContext = {
    tokens: { accessToken: 'access', readOnlyToken: 'read-only', agentToken: AGENT_TOKEN },
    jobTiming: { pendingMs: 20, runningMs: 120 },
    dataDir: '/tmp',
    baseUrl: () => base,
    runEntrypoints: false,
    urls: () => ({ backendUrl: '', agentUrl: base, rayUrl: base }),
    ...overrides,
  };
  return Object.assign(context, { setBase: (url: string) => (base = url) });
}

export interface Served {
  url: string;
  wsUrl: string;
  close: () => Promise<void>;
}

/** Serves one service on a loopback port, with upgrades routed to it. */
export async function serveService(service: EmulatedService, context?: ServiceContext): Promise<Served> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  server.on('upgrade', (request, socket, head) => {
    if (!service.upgrade?.(request, socket, head)) socket.destroy();
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  (context as { setBase?: (url: string) => void } | undefined)?.setBase?.(url);
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    close: async () => {
      await service.close?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}

export interface WsResult {
  messages: string[];
  code: number;
}

/** Opens a WebSocket and collects its text messages until it closes. */
export function collectWs(url: string, headers: Record<string, string> = {}): Promise<WsResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: string[] = [];
    ws.on('message', (data) => messages.push(data.toString()));
    ws.on('close', (code) => resolve({ messages, code }));
    ws.on('error', reject);
  });
}

/** The HTTP status a failed WebSocket handshake answered with. */
export function wsHandshakeStatus(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.on('open', () => reject(new Error('handshake unexpectedly succeeded')));
    ws.on('error', () => {});
  });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
