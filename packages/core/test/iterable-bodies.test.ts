import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FetchFunction } from '../src/internal.js';
import { ITERABLE_BODIES, takesIterableBodies } from '../src/iterable-bodies.js';
import { MultipartBody } from '../src/multipart.js';
import { createTransport } from '../src/transport.js';
import { createUndiciFetch } from '../src/undici-fetch.js';
import { attempt } from './helpers/attempt.js';
import { localServer } from './helpers/local-server.js';

const text = async (pieces: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>) => {
  const chunks: Uint8Array[] = [];
  for await (const piece of pieces as AsyncIterable<Uint8Array>) chunks.push(piece);
  return Buffer.concat(chunks).toString('utf8');
};

const form = () =>
  new MultipartBody([
    ['name', 'x'],
    ['note', 'ünïcode'],
  ]);
const formAttempt = (body: MultipartBody) =>
  attempt({
    method: 'POST',
    headers: { 'Content-Type': body.contentType, 'Content-Length': String(body.length) },
    body,
  });

/** A fetch recording each init's body, answering `{}`; marked as taking iterable bodies when `iterable`. */
function recordingFetch(iterable: boolean) {
  const bodies: unknown[] = [];
  const fetch = vi.fn<FetchFunction>(async (_input, init = {}) => {
    bodies.push(init.body);
    return new Response('{}', { status: 200 });
  });
  return { fetch: iterable ? Object.assign(fetch, { [ITERABLE_BODIES]: true as const }) : fetch, bodies };
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('which fetch takes an async iterable as a body', () => {
  it("is the one marked so: the SDK's Node fetch, not the platform's nor a caller's", () => {
    expect(takesIterableBodies(createUndiciFetch())).toBe(true);
    expect(takesIterableBodies(globalThis.fetch)).toBe(false);
    expect(takesIterableBodies(async () => new Response(null))).toBe(false);
  });
});

describe('a form sent as it is read', () => {
  it('goes to a fetch that takes iterables as an async iterable, not a web stream, reporting each read', async () => {
    const { fetch, bodies } = recordingFetch(true);
    const body = form();
    const sent = await createTransport(fetch, true)(formAttempt(body));
    if (sent.ok) sent.guard.release();
    expect(sent.ok).toBe(true);
    const [given] = bodies;
    expect(given).not.toBeInstanceOf(ReadableStream);
    expect(typeof (given as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]).toBe('function');
    expect(await text(given as AsyncIterable<Uint8Array>)).toBe(await text(body.stream()));
  });

  it('goes to any other fetch that can stream a body as a web stream', async () => {
    const { fetch, bodies } = recordingFetch(false);
    const body = form();
    const sent = await createTransport(fetch, true)(formAttempt(body));
    if (sent.ok) sent.guard.release();
    expect(bodies[0]).toBeInstanceOf(ReadableStream);
    expect(await text(bodies[0] as ReadableStream<Uint8Array>)).toBe(await text(body.pieces()));
  });

  it("reaches the server byte for byte over the SDK's Node fetch, with the form's headers", async () => {
    const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
    const server = await localServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end('{}');
      });
    });
    servers.push(server);
    const body = form();
    const sent = await createTransport(
      createUndiciFetch(),
      true,
    )({
      ...formAttempt(body),
      url: `${server.url}/data_files/`,
    });
    if (sent.ok) sent.guard.release();
    expect(sent.ok).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['content-type']).toBe(body.contentType);
    expect(seen[0]?.headers['content-length']).toBe(String(body.length));
    expect(seen[0]?.body).toBe(await text(body.pieces()));
  });
});
