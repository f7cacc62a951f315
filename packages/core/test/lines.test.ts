import { blockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { AbortError, ConnectionError, TimeoutError } from '../src/index.js';
import { localServer } from './helpers/local-server.js';
import { TestClient } from './helpers/test-client.js';

beforeAll(blockNetwork);

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of iterable) out.push(line);
  return out;
}

describe('streamed lines', () => {
  it('yields non-empty lines as they arrive and ends with the stream', async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('line1\nli');
      setTimeout(() => res.write('ne2\n\r\n'), 20);
      setTimeout(() => res.end('line3'), 40);
    });
    try {
      const client = new TestClient({ baseUrl: server.url });
      expect(await collect(client.lines('logs/'))).toEqual(['line1', 'line2', 'line3']);
    } finally {
      await server.close();
    }
  });

  it('a dropped connection is a ConnectionError', async () => {
    const server = await localServer((req, res) => {
      res.writeHead(200);
      res.write('one\n');
      setTimeout(() => req.socket.destroy(), 20);
    });
    try {
      const client = new TestClient({ baseUrl: server.url, maxRetries: 0 });
      const seen: string[] = [];
      const error = await (async () => {
        for await (const line of client.lines('logs/')) seen.push(line);
      })().catch((e: unknown) => e);
      expect(seen).toEqual(['one']);
      expect(error).toBeInstanceOf(ConnectionError);
    } finally {
      await server.close();
    }
  });

  it('stops on abort and on silence longer than the idle timeout', async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(200);
      res.write('first\n');
    });
    try {
      const client = new TestClient({ baseUrl: server.url, maxRetries: 0 });
      await expect(collect(client.lines('logs/', { idleTimeout: 0.1 }))).rejects.toBeInstanceOf(TimeoutError);
      const controller = new AbortController();
      const seen: string[] = [];
      const error = await (async () => {
        for await (const line of client.lines('logs/', { signal: controller.signal, idleTimeout: 30 })) {
          seen.push(line);
          controller.abort();
        }
      })().catch((e: unknown) => e);
      expect(seen).toEqual(['first']);
      expect(error).toBeInstanceOf(AbortError);
    } finally {
      await server.close();
    }
  });
});
