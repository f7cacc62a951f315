import { getEventListeners } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { blockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  readChunks,
  readLines,
  splitLines,
  TimeoutError,
  type TransportFailure,
} from '../src/internal.js';
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

/** A server that answers every request with `lines`, one every `everyMs`, then ends; it records the requests. */
async function steadyServer(lines: string[], everyMs: number) {
  const requests: IncomingMessage[] = [];
  const server = await localServer((req, res) => {
    requests.push(req);
    res.writeHead(200, { 'content-type': 'text/plain' });
    let next = 0;
    const timer = setInterval(() => {
      res.write(`${lines[next]}\n`);
      next++;
      if (next === lines.length) {
        clearInterval(timer);
        res.end();
      }
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  });
  return { ...server, requests };
}

describe('the idle timeout counts only the wait for the server', () => {
  it('a consumer slower than the idle timeout gets every line of a server that keeps sending', async () => {
    const sent = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const server = await steadyServer(sent, 50);
    try {
      const client = new TestClient({ baseUrl: server.url, apiToken: 'lines-token', maxRetries: 0 });
      const seen: string[] = [];
      for await (const line of client.lines('jobs/7/logs/', { idleTimeout: 0.2 })) {
        seen.push(line);
        await delay(300);
      }
      expect(seen).toEqual(sent);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/jobs/7/logs/' });
      expect(server.requests[0]?.headers['synapse-access-token']).toBe('Token lines-token');
    } finally {
      await server.close();
    }
  });

  it('a server that goes silent times out (408, read) an idle timeout after the consumer asks for more', async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('only line\n');
    });
    try {
      const client = new TestClient({ baseUrl: server.url, maxRetries: 0 });
      const seen: string[] = [];
      let askedAgain = 0;
      const error = await (async () => {
        for await (const line of client.lines('logs/', { idleTimeout: 0.2 })) {
          seen.push(line);
          await delay(300);
          askedAgain = performance.now();
        }
      })().catch((e: unknown) => e);
      const waited = (performance.now() - askedAgain) / 1000;
      expect(seen).toEqual(['only line']);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ status: 408, phase: 'read', reason: 'Backend read timeout (>0.2s)' });
      expect(waited).toBeGreaterThan(0.18);
      expect(waited).toBeLessThan(1.5);
    } finally {
      await server.close();
    }
  });
});

describe('readChunks', () => {
  const encoder = new TextEncoder();
  const toError = (failure: TransportFailure) => Object.assign(new Error(failure.kind), { failure });

  it('yields the bytes as they come and ends with the body, releasing it', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('ab'));
        controller.enqueue(new Uint8Array([0xe2, 0x82]));
        controller.enqueue(new Uint8Array([0xac]));
        controller.close();
      },
    });
    const chunks: number[][] = [];
    for await (const chunk of readChunks(body, { idleTimeout: 1, toError })) chunks.push([...chunk]);
    expect(chunks).toEqual([[0x61, 0x62], [0xe2, 0x82], [0xac]]);
    expect(body.locked).toBe(false);
  });

  it('holding a chunk longer than the idle timeout is not a timeout; a stalled body is', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls <= 2) controller.enqueue(encoder.encode(`chunk ${pulls}`));
        // After two chunks the source stalls: the next read waits for the network that never answers.
        else return new Promise<void>(() => {});
      },
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of readChunks(body, { idleTimeout: 0.1, toError })) {
        seen.push(new TextDecoder().decode(chunk));
        await delay(250);
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['chunk 1', 'chunk 2']);
    expect(error).toMatchObject({ failure: { kind: 'timeout', phase: 'read', sent: true } });
    expect(body.locked).toBe(false);
  });

  it('stopping early cancels the body once and releases it', async () => {
    let cancelled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('tick'));
      },
      cancel() {
        cancelled++;
      },
    });
    for await (const chunk of readChunks(body, { idleTimeout: 1, toError })) {
      expect(new TextDecoder().decode(chunk)).toBe('tick');
      break;
    }
    expect(cancelled).toBe(1);
    expect(body.locked).toBe(false);
  });

  it('an abort, before or during the read, is an aborted failure and cancels the body', async () => {
    const before = new AbortController();
    before.abort();
    const idleBody = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => {}) });
    await expect(
      readChunks(idleBody, { idleTimeout: 30, toError, signal: before.signal }).next(),
    ).rejects.toMatchObject({ failure: { kind: 'aborted' } });
    expect(idleBody.locked).toBe(false);

    const during = new AbortController();
    let cancelled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: () => new Promise<void>(() => {}),
      cancel() {
        cancelled++;
      },
    });
    const reading = readChunks(body, { idleTimeout: 30, toError, signal: during.signal }).next();
    during.abort(new Error('caller stopped'));
    await expect(reading).rejects.toMatchObject({ failure: { kind: 'aborted', sent: true } });
    expect(cancelled).toBe(1);
    expect(body.locked).toBe(false);
  });
});

describe('splitLines', () => {
  async function* from(chunks: string[]) {
    yield* chunks;
  }

  it('strips only the \\r of a \\r\\n line end, also from the last line', async () => {
    expect(await collect(splitLines(from(['a\rb\r\n', 'c\r', '\nlast\r'])))).toEqual(['a\rb', 'c', 'last']);
    expect(await collect(splitLines(from(['x\ry'])))).toEqual(['x\ry']);
  });
});

describe('readLines', () => {
  const toError = (failure: TransportFailure) => new Error(failure.kind);
  const body = (...chunks: number[][]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(Uint8Array.from(chunk));
        controller.close();
      },
    });

  it('a response without a body has no lines', async () => {
    expect(
      await collect(readLines(new Response(null, { status: 204 }), { idleTimeout: 1, toError })),
    ).toEqual([]);
  });

  it('decodes a character split across chunks', async () => {
    // "€" is e2 82 ac; "\n" is 0a.
    const response = new Response(body([0x61, 0xe2, 0x82], [0xac, 0x0a, 0x62]));
    expect(await collect(readLines(response, { idleTimeout: 1, toError }))).toEqual(['a€', 'b']);
  });

  it('a body that ends inside a character ends with a replacement character', async () => {
    const response = new Response(body([0x61, 0x62, 0xe2, 0x82]));
    expect(await collect(readLines(response, { idleTimeout: 1, toError }))).toEqual(['ab\uFFFD']);
  });
});

describe('readChunks: failures and clean-up', () => {
  const toError = (failure: TransportFailure) => Object.assign(new Error(failure.kind), { failure });
  const failing = (error: Error) =>
    new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(error);
      },
    });

  it('a body that breaks for a reason the transport does not know is a connection failure', async () => {
    const cause = new Error('stream broke');
    await expect(readChunks(failing(cause), { idleTimeout: 1, toError }).next()).rejects.toMatchObject({
      failure: { kind: 'connection', sent: true, detail: 'stream broke', cause },
    });
  });

  it('a body that breaks for a known reason keeps its kind', async () => {
    const cause = Object.assign(new Error('decryption failed'), { code: 'ERR_SSL_DECRYPTION_FAILED' });
    await expect(readChunks(failing(cause), { idleTimeout: 1, toError }).next()).rejects.toMatchObject({
      failure: { kind: 'tls', sent: false, cause },
    });
  });

  it("leaves no listener on the caller's signal, however the reading ends", async () => {
    const { signal } = new AbortController();
    const ended = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Uint8Array.of(1));
        controller.close();
      },
    });
    for await (const _ of readChunks(ended, { idleTimeout: 1, toError, signal })) {
      expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await readChunks(failing(new Error('x')), { idleTimeout: 1, toError, signal })
      .next()
      .catch(() => {});
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
