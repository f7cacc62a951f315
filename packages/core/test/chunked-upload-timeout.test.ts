import { describe, expect, it, vi } from 'vitest';
import { AbortError, type ChunkedUploadOptions, CoreClient, TimeoutError } from '../src/index.js';
import { BASE, TOKEN } from './helpers/test-client.js';
import { md5Hex, patternBytes } from './helpers/upload-files.js';

const NEW = `${BASE}/chunked_upload/`;
const UPLOAD = `${BASE}/chunked_upload/u1/`;
const bytes = patternBytes(16);

interface Seen {
  method: string;
  url: string;
  range: string | null;
  token: string | null;
  /** Bytes of the body the fetch took. */
  taken: number;
  /** The JSON body of a POST. */
  json?: unknown;
}

/**
 * A fetch standing in for the server: it takes a PUT's body one read every `pace` ms, stops reading after
 * `reads` reads (then waits, as a server that stopped reading, until the request is aborted), and answers each
 * PUT with the upload's URL and the offset after the chunk, and the POST with the completed upload.
 */
function slowServer({ pace = 0, reads = Number.POSITIVE_INFINITY, onPut = () => {} }) {
  const seen: Seen[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    const request: Seen = {
      method: init.method ?? 'GET',
      url: String(input),
      range: headers.get('content-range'),
      token: headers.get('synapse-access-token'),
      taken: 0,
    };
    seen.push(request);
    const signal = init.signal as AbortSignal;
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    if (request.method === 'POST') {
      request.json = JSON.parse(String(init.body));
      return Response.json({ id: 'u1', status: 'complete' });
    }
    onPut();
    const reader = (init.body as ReadableStream<Uint8Array>).getReader();
    for (let count = 0; ; count++) {
      if (count >= reads) await aborted;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, pace)), aborted]);
      const read = await reader.read();
      if (read.done) break;
      request.taken += read.value.byteLength;
    }
    const end = Number(/-(\d+)\//.exec(request.range ?? '')?.[1]);
    return Response.json({ url: UPLOAD, offset: end + 1 });
  };
  return { fetch, seen };
}

function upload(
  fetch: typeof globalThis.fetch,
  options: ChunkedUploadOptions,
  timeout?: { connect: number; read: number },
) {
  return new CoreClient({ baseUrl: BASE, accessToken: TOKEN, fetch, timeout })
    .createChunkedUpload(bytes, options)
    .then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
}

describe('a chunk is bounded in time as every form is', () => {
  it('never cuts short a chunk whose bytes keep moving, however long the PUT lasts', async () => {
    // Four reads half a second apart: some 2 s in all, past connect + read, each wait well within read.
    const { fetch, seen } = slowServer({ pace: 500 });
    // The client's own timeouts: no deadline of the whole exchange may apply them to the PUT.
    const { result, error } = await upload(fetch, {}, { connect: 0.25, read: 1.2 });
    expect(error).toBeUndefined();
    expect(result).toEqual({ id: 'u1', status: 'complete' });
    expect(seen.map(({ method, url, range }) => `${method} ${url} ${range}`)).toEqual([
      `PUT ${NEW} bytes 0-15/16`,
      `POST ${UPLOAD} null`,
    ]);
    expect(seen[0]?.taken).toBeGreaterThan(bytes.byteLength);
    expect(seen[1]?.json).toEqual({ md5: md5Hex(bytes) });
    for (const request of seen) expect(request.token).toBe(`Token ${TOKEN}`);
  });

  it.each([
    ['before its first bytes are taken', 0],
    ['after its first bytes are taken', 1],
  ])('fails a PUT that makes no progress %s with a read TimeoutError naming it', async (_, reads) => {
    const { fetch, seen } = slowServer({ reads });
    const { error } = await upload(fetch, { timeout: { connect: 0.1, read: 0.2 }, maxRetries: 0 });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      status: 408,
      message: `Backend read timeout (>0.2s): PUT ${NEW}`,
      reason: 'Backend read timeout (>0.2s)',
      phase: 'read',
      method: 'PUT',
      url: NEW,
    });
    expect(seen.map(({ method, range }) => `${method} ${range}`)).toEqual(['PUT bytes 0-15/16']);
  });

  it("an abort during a PUT ends the upload with that request's AbortError", async () => {
    const controller = new AbortController();
    const { fetch, seen } = slowServer({ reads: 1, onPut: () => controller.abort('enough') });
    const { error } = await upload(fetch, { signal: controller.signal, timeout: { connect: 5, read: 5 } });
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: `Backend PUT ${NEW} was aborted`, cause: 'enough' });
    expect(seen.map(({ method, range }) => `${method} ${range}`)).toEqual(['PUT bytes 0-15/16']);
  });

  it('leaves no timer behind that would keep the process alive once the upload is done', async () => {
    // Every timer set during the upload, until it fires or is cleared.
    const running = new Set<NodeJS.Timeout>();
    const { setTimeout: set, clearTimeout: clear } = globalThis;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      callback: (...args: unknown[]) => void,
      ms?: number,
      ...args: unknown[]
    ) => {
      const timer = set(() => {
        running.delete(timer);
        callback(...args);
      }, ms);
      running.add(timer);
      return timer;
    }) as typeof setTimeout);
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
      running.delete(timer as NodeJS.Timeout);
      clear(timer);
    });
    try {
      const { fetch } = slowServer({});
      const { result } = await upload(fetch, { timeout: { connect: 60, read: 60 } });
      expect(result).toEqual({ id: 'u1', status: 'complete' });
      // A timer still running must not keep the process alive (the pipeline's shared deadlines do not).
      expect([...running].filter((timer) => timer.hasRef())).toEqual([]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
