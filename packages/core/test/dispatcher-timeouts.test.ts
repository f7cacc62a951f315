import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundsItsOwnWaits, DISPATCHER_TIMEOUTS, type InitWithTimeouts } from '../src/dispatcher-timeouts.js';
import { classifyFailure, type FetchFunction } from '../src/internal.js';
import { createTransport, readBody, type SentAttempt } from '../src/transport.js';
import { createUndiciFetch } from '../src/undici-fetch.js';
import { attempt } from './helpers/attempt.js';
import { localServer } from './helpers/local-server.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

const servers: { close(): Promise<void> }[] = [];
async function serve(answer: (res: ServerResponse) => void) {
  const server = await localServer((_req, res) => answer(res));
  servers.push(server);
  return server.url;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A fetch that bounds its own waits, recording the init of each call and answering `{}`. */
function timingFetch() {
  const inits: InitWithTimeouts[] = [];
  const fetch = Object.assign(
    vi.fn<FetchFunction>(async (_input, init = {}) => {
      inits.push(init as InitWithTimeouts);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    }),
    { [DISPATCHER_TIMEOUTS]: true as const },
  );
  return { fetch, inits };
}

async function failureOf(sent: Promise<SentAttempt>) {
  const result = await sent;
  if (result.ok) throw new Error(`expected a failure, got ${result.response.status}`);
  return result.failure;
}

describe('which fetch bounds its own waits', () => {
  it("Node's fetch over undici does; any other fetch does not", () => {
    expect(boundsItsOwnWaits(createUndiciFetch())).toBe(true);
    expect(boundsItsOwnWaits((input, init) => globalThis.fetch(input, init))).toBe(false);
    expect(boundsItsOwnWaits(globalThis.fetch)).toBe(false);
  });
});

describe('an attempt over a fetch that bounds its own waits', () => {
  it('is handed its bounds in milliseconds, and no signal of its own', async () => {
    const { fetch, inits } = timingFetch();
    await createTransport(fetch)(attempt());
    expect(inits[0]?.[DISPATCHER_TIMEOUTS]).toEqual({ headers: 3000, body: 2000 });
    expect(inits[0]?.signal).toBeUndefined();
  });

  it("is handed the caller's own signal, which still aborts it", async () => {
    const { fetch, inits } = timingFetch();
    const caller = new AbortController();
    await createTransport(fetch)(attempt({ signal: caller.signal }));
    expect(inits[0]?.signal).toBe(caller.signal);
    expect(inits[0]?.[DISPATCHER_TIMEOUTS]).toEqual({ headers: 3000, body: 2000 });
  });

  it('a JSON body goes the same way', async () => {
    const { fetch, inits } = timingFetch();
    await createTransport(fetch)(attempt({ method: 'POST', body: '{"a":1}' }));
    expect(inits[0]?.[DISPATCHER_TIMEOUTS]).toEqual({ headers: 3000, body: 2000 });
    expect(inits[0]?.body).toBe('{"a":1}');
  });

  it("a streamed reply keeps the guard's signal and no body bound: its reader bounds each wait", async () => {
    const { fetch, inits } = timingFetch();
    const caller = new AbortController();
    await createTransport(fetch)(attempt({ stream: true, signal: caller.signal }));
    expect(inits[0]?.[DISPATCHER_TIMEOUTS]).toBeUndefined();
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(inits[0]?.signal).not.toBe(caller.signal);
  });

  it('a client call is bounded by the dispatcher; a streamed call by its reader', async () => {
    const { fetch, inits } = timingFetch();
    const client = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      fetch,
      timeout: { connect: 2, read: 3 },
    });
    expect(await client.call('GET', 'projects/1/')).toEqual({});
    const lines = [];
    for await (const line of client.lines('logs/')) lines.push(line);
    expect(lines).toEqual(['{}']);
    expect(inits.map((init) => init[DISPATCHER_TIMEOUTS])).toEqual([
      { headers: 5000, body: 3000 },
      undefined,
    ]);
  });

  it("a read timeout under a second keeps the guard's precise timers", async () => {
    const { fetch, inits } = timingFetch();
    await createTransport(fetch)(attempt({ timeout: { connect: 5, read: 0.999 } }));
    await createTransport(fetch)(attempt({ timeout: { connect: 0.001, read: 1 } }));
    expect(inits[0]?.[DISPATCHER_TIMEOUTS]).toBeUndefined();
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(inits[1]?.[DISPATCHER_TIMEOUTS]).toEqual({ headers: 1001, body: 1000 });
  });

  it('a fetch that does not bound its waits gets none, and a signal of its own', async () => {
    const inits: InitWithTimeouts[] = [];
    const fetch: FetchFunction = async (_input, init = {}) => {
      inits.push(init);
      return new Response('{}');
    };
    await createTransport(fetch)(attempt());
    expect(inits[0]?.[DISPATCHER_TIMEOUTS]).toBeUndefined();
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe("undici's timers, as the transport meets them", () => {
  const send = createTransport(createUndiciFetch());
  const quick = { connect: 0.5, read: 1 };

  it('headers that never come are a read timeout, after the request went out', async () => {
    const url = await serve(() => {});
    const failure = await failureOf(send(attempt({ url, timeout: quick })));
    expect(failure).toMatchObject({ kind: 'timeout', phase: 'read', sent: true });
  });

  it('a small body that stalls is a read timeout', async () => {
    const url = await serve((res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('abc');
    });
    const failure = await failureOf(send(attempt({ url, timeout: quick })));
    expect(failure).toMatchObject({ kind: 'timeout', phase: 'read', sent: true });
  });

  it('a large body that stalls while read is a read timeout', async () => {
    const url = await serve((res) => {
      res.writeHead(200, { 'content-length': String(1024 * 1024) });
      res.write('x'.repeat(100 * 1024));
    });
    const sent = await send(attempt({ url, timeout: quick }));
    if (!sent.ok) throw new Error(`expected headers, got ${sent.failure.kind}`);
    expect(await readBody(sent.response, sent.guard, undefined)).toMatchObject({
      ok: false,
      failure: { kind: 'timeout', phase: 'read', sent: true },
    });
  });
});

describe('classifyFailure of undici timers', () => {
  it.each(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])(
    '%s: a read timeout, the request was sent',
    (code) => {
      const error = new TypeError('fetch failed', { cause: Object.assign(new Error('timeout'), { code }) });
      expect(classifyFailure(error)).toEqual({ kind: 'timeout', phase: 'read', sent: true, cause: error });
    },
  );
});
