import { getEventListeners } from 'node:events';
import { MockApi, useMockNetwork } from '@synapse/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyFailure, type FetchFunction } from '../src/internal.js';
import { createTransport, readBody, type SentAttempt, streamsRequestBodies } from '../src/transport.js';
import { attempt } from './helpers/attempt.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();
afterEach(() => vi.useRealTimers());

/** An error as Node reports it: a message and a `code`. */
const coded = (code: string, message = `${code.toLowerCase()} happened`) =>
  Object.assign(new Error(message), { code });
/** What undici's fetch rejects with: a TypeError whose cause says what went wrong. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

describe('classifyFailure', () => {
  it.each(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_NONAME'])(
    '%s: the host was not reached, nothing was sent',
    (code) => {
      const error = fetchFailed(coded(code));
      expect(classifyFailure(error)).toEqual({ kind: 'unreachable', sent: false, cause: error });
    },
  );

  it('ECONNREFUSED: refused, nothing was sent', () => {
    const error = fetchFailed(coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'));
    expect(classifyFailure(error)).toEqual({ kind: 'refused', sent: false, cause: error });
  });

  it.each(['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT'])('%s: a connect timeout, nothing was sent', (code) => {
    const error = fetchFailed(coded(code));
    expect(classifyFailure(error)).toEqual({ kind: 'timeout', phase: 'connect', sent: false, cause: error });
  });

  it.each([
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
    'ERR_STREAM_PREMATURE_CLOSE',
  ])(
    '%s: the connection broke after the request may have gone out; the detail is the innermost message',
    (code) => {
      const error = fetchFailed(coded(code, 'the link went down'));
      expect(classifyFailure(error)).toEqual({
        kind: 'connection',
        sent: true,
        detail: 'the link went down',
        cause: error,
      });
    },
  );

  it.each([
    ['Connection refused', 'refused'],
    ['getaddrinfo EAI_FAIL synapse.test', 'unreachable'],
    ['Name or service not known', 'unreachable'],
    ['socket hang up', 'connection'],
    ['other side closed', 'connection'],
    ['terminated', 'connection'],
  ])('a cause that only says "%s" (no code): %s', (message, kind) => {
    const error = fetchFailed(new Error(message));
    expect(classifyFailure(error)).toMatchObject({ kind });
  });

  it.each(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG'])(
    '%s: TLS to a server that does not speak it, said in words to act on',
    (code) => {
      const error = fetchFailed(coded(code, 'ssl3_get_record:wrong version number'));
      expect(classifyFailure(error)).toEqual({
        kind: 'tls',
        sent: false,
        detail: 'the server did not answer in TLS: is it plain http? Use http:// or its https port',
        cause: error,
      });
    },
  );

  it.each([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'CERT_HAS_EXPIRED',
  ])('%s: an untrusted certificate, named', (code) => {
    const error = fetchFailed(coded(code));
    expect(classifyFailure(error)).toEqual({
      kind: 'tls',
      sent: false,
      detail: `the server's certificate is not trusted (${code})`,
      cause: error,
    });
  });

  it.each(['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'ERR_TLS_INVALID_PROTOCOL_VERSION'])(
    '%s: another TLS failure, named',
    (code) => {
      const error = fetchFailed(coded(code));
      expect(classifyFailure(error)).toEqual({
        kind: 'tls',
        sent: false,
        detail: `TLS handshake failed (${code})`,
        cause: error,
      });
    },
  );

  it('a port fetch will not connect to: blocked, nothing was sent', () => {
    const error = fetchFailed(new Error('bad port'));
    expect(classifyFailure(error)).toEqual({
      kind: 'blocked',
      sent: false,
      detail: 'fetch refuses to connect to this port (a blocked port); use another port',
      cause: error,
    });
  });

  it.each(['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed'])(
    'a browser\'s "%s", with no cause: a failure the browser hides, as sent',
    (message) => {
      const error = new TypeError(message);
      expect(classifyFailure(error)).toEqual({ kind: 'hidden', sent: true, cause: error });
      const wrapped = new Error(`[GET] /x: <no response> ${message}`, { cause: error });
      expect(classifyFailure(wrapped)).toEqual({ kind: 'hidden', sent: true, cause: wrapped });
      // The same words from a fetch that names a cause, or from something that is no TypeError, are what they say.
      expect(classifyFailure(new TypeError(message, { cause: coded('ECONNRESET') })).kind).toBe('connection');
      expect(classifyFailure(new Error(message)).kind).toBe('other');
    },
  );

  it('anything else: "other", as sent, with the innermost message or the value itself', () => {
    const error = fetchFailed(new Error('something odd'));
    expect(classifyFailure(error)).toEqual({
      kind: 'other',
      sent: true,
      detail: 'something odd',
      cause: error,
    });
    expect(classifyFailure('boom')).toEqual({ kind: 'other', sent: true, detail: 'boom', cause: 'boom' });
    expect(classifyFailure(undefined)).toEqual({
      kind: 'other',
      sent: true,
      detail: 'undefined',
      cause: undefined,
    });
  });

  it('a cause without a message or code of its own leaves the detail to the messages there are', () => {
    const error = fetchFailed({ code: 42, message: null });
    expect(classifyFailure(error)).toEqual({
      kind: 'other',
      sent: true,
      detail: 'fetch failed',
      cause: error,
    });
    const lost = { code: 'ECONNRESET' };
    expect(classifyFailure(lost)).toEqual({
      kind: 'connection',
      sent: true,
      detail: 'connection lost',
      cause: lost,
    });
  });

  it('the codes of an AggregateError (one per address tried) count', () => {
    const error = fetchFailed(new AggregateError([coded('ENETUNREACH'), new Error('no code'), 'text'], ''));
    expect(classifyFailure(error)).toEqual({ kind: 'unreachable', sent: false, cause: error });
    const codeless = fetchFailed(new AggregateError([new Error('a'), { code: 7 }], 'all failed'));
    expect(classifyFailure(codeless)).toMatchObject({ kind: 'other', detail: 'all failed' });
  });

  it('looks eight causes deep, no further, and a cause that loops does not hang it', () => {
    const chain = (depth: number) => {
      let error: Error = coded('ECONNREFUSED');
      for (let i = 0; i < depth; i++) error = new Error(`level ${i}`, { cause: error });
      return error;
    };
    expect(classifyFailure(chain(7)).kind).toBe('refused');
    expect(classifyFailure(chain(8))).toMatchObject({ kind: 'other', detail: 'level 0' });
    const loop: Error & { cause?: unknown } = new Error('again');
    loop.cause = loop;
    expect(classifyFailure(loop)).toMatchObject({ kind: 'other', detail: 'again' });
  });
});

describe('streamsRequestBodies', () => {
  it('is true on Node and false where there is no Node process', () => {
    expect(streamsRequestBodies()).toBe(true);
    expect(streamsRequestBodies({ process: { versions: { node: '20.19.0' } } })).toBe(true);
    expect(streamsRequestBodies({})).toBe(false);
    expect(streamsRequestBodies({ process: {} })).toBe(false);
    expect(streamsRequestBodies({ process: { versions: {} } })).toBe(false);
  });
});

/** A fetch whose answers the test gives: each call waits until answered, and fails as fetch does on abort. */
function heldFetch() {
  const calls: { url: string; signal: AbortSignal; abortedAtCall: boolean; answer(r: Response): void }[] = [];
  const fetch = vi.fn<FetchFunction>(
    (input, init) =>
      new Promise<Response>((resolve, reject) => {
        const signal = init?.signal as AbortSignal;
        calls.push({ url: String(input), signal, abortedAtCall: signal.aborted, answer: resolve });
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason));
      }),
  );
  return { fetch, calls };
}

/** A 200 whose body arrives when the test says, and breaks off as fetch's does when the signal fires. */
function openBody(signal: AbortSignal) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  signal.addEventListener('abort', () => controller.error(signal.reason));
  return {
    response: new Response(body, { status: 200 }),
    end(text: string) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  };
}

async function answered(sent: Promise<SentAttempt>) {
  const result = await sent;
  if (!result.ok) throw new Error(`expected a response, got ${result.failure.kind}`);
  return result;
}

describe('one attempt', () => {
  it("an attempt whose caller's signal has already fired is handed to fetch aborted, and is 'aborted'", async () => {
    const { fetch, calls } = heldFetch();
    const reason = new Error('stop');
    const result = await createTransport(fetch)(attempt({ signal: AbortSignal.abort(reason) }));
    expect(calls[0]?.abortedAtCall).toBe(true);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'aborted', sent: true, cause: reason } });
  });

  it("the caller's abort while the headers are awaited: 'aborted', with the caller's reason", async () => {
    const { fetch, calls } = heldFetch();
    const controller = new AbortController();
    const pending = createTransport(fetch)(attempt({ signal: controller.signal }));
    const reason = new Error('user gave up');
    controller.abort(reason);
    expect(await pending).toMatchObject({
      ok: false,
      failure: { kind: 'aborted', sent: true, cause: reason },
    });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['a plain attempt', {}],
    ["an attempt with the caller's signal", { signal: new AbortController().signal }],
  ])('%s: no headers within connect + read seconds is a read timeout', async (_, extra) => {
    vi.useFakeTimers();
    const { fetch, calls } = heldFetch();
    const pending = createTransport(fetch)(attempt({ timeout: { connect: 1, read: 2.125 }, ...extra }));
    await vi.advanceTimersByTimeAsync(3124);
    expect(calls[0]?.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, failure: { kind: 'timeout', phase: 'read', sent: true } });
    expect(calls[0]?.signal.reason).toEqual(new Error('timeout'));
  });

  const withAndWithoutSignal = [
    ['a plain attempt', () => undefined],
    ["an attempt with the caller's signal", () => new AbortController().signal],
  ] as const;

  it.each(withAndWithoutSignal)(
    '%s: the body gets read seconds of its own once the headers are in',
    async (_, callerSignal) => {
      vi.useFakeTimers();
      const { fetch, calls } = heldFetch();
      const signal = callerSignal();
      const pending = createTransport(fetch)(attempt({ timeout: { connect: 1, read: 2.25 }, signal }));
      await vi.advanceTimersByTimeAsync(3000);
      const call = calls[0];
      if (!call) throw new Error('fetch was not called');
      const body = openBody(call.signal);
      call.answer(body.response);
      const sent = await answered(pending);
      await vi.advanceTimersByTimeAsync(2249);
      expect(call.signal.aborted).toBe(false);
      body.end('{"ok": true}');
      expect(await readBody(sent.response, sent.guard, signal)).toEqual({ ok: true, text: '{"ok": true}' });
    },
  );

  it.each(withAndWithoutSignal)(
    '%s: a body that stalls for read seconds after the headers is a read timeout',
    async (_, callerSignal) => {
      vi.useFakeTimers();
      const { fetch, calls } = heldFetch();
      const signal = callerSignal();
      const pending = createTransport(fetch)(attempt({ timeout: { connect: 1, read: 2.25 }, signal }));
      const call = calls[0];
      if (!call) throw new Error('fetch was not called');
      call.answer(openBody(call.signal).response);
      const sent = await answered(pending);
      await vi.advanceTimersByTimeAsync(2249);
      expect(call.signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(call.signal.aborted).toBe(true);
      expect(await readBody(sent.response, sent.guard, signal)).toMatchObject({
        ok: false,
        failure: { kind: 'timeout', phase: 'read', sent: true },
      });
    },
  );

  it("each attempt has a timeout signal of its own, never the caller's", async () => {
    const { fetch, calls } = heldFetch();
    const send = createTransport(fetch);
    const timeout = { connect: 1, read: 2.375 };
    const caller = new AbortController();
    void send(attempt({ timeout }));
    void send(attempt({ timeout }));
    void send(attempt({ timeout, signal: caller.signal }));
    void send(attempt({ timeout, signal: caller.signal }));
    const [first, second, third, fourth] = calls.map((call) => call.signal);
    expect(second).not.toBe(first);
    expect(third).not.toBe(first);
    expect(third).not.toBe(second);
    expect(fourth).not.toBe(third);
    expect(fourth).not.toBe(caller.signal);
    for (const call of calls) call.answer(new Response('{}'));
  });

  it('a body that breaks with an error no one names is a lost connection', async () => {
    const broken = new Response(
      new ReadableStream({
        pull(controller) {
          controller.error(new Error('invalid chunk'));
        },
      }),
    );
    const send = createTransport(async () => broken);
    const sent = await answered(send(attempt()));
    const result = await readBody(sent.response, sent.guard, undefined);
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: 'connection', sent: true, detail: 'invalid chunk' },
    });
  });

  it("the caller's abort while the body arrives: 'aborted', with the caller's reason", async () => {
    const { fetch, calls } = heldFetch();
    const caller = new AbortController();
    const pending = createTransport(fetch)(attempt({ signal: caller.signal }));
    const call = calls[0];
    if (!call) throw new Error('fetch was not called');
    call.answer(openBody(call.signal).response);
    const sent = await answered(pending);
    const reason = new Error('enough');
    caller.abort(reason);
    expect(await readBody(sent.response, sent.guard, caller.signal)).toEqual({
      ok: false,
      failure: { kind: 'aborted', sent: true, cause: reason },
    });
  });
});

describe('what a call leaves behind', () => {
  it('a signal used for many calls keeps none of their listeners, retried or not', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/a/').reply(200, { n: 1 });
    api.on('GET', '/b/').reply(503, {});
    api.on('GET', '/b/').reply(200, { n: 2 });
    api.on('GET', '/c/').reply(404, {});
    const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN, retry: { initialDelay: 0.001 } });
    const signal = new AbortController().signal;
    expect(await client.call('GET', 'a/', { signal })).toEqual({ n: 1 });
    expect(await client.call('GET', 'b/', { signal })).toEqual({ n: 2 });
    await expect(client.call('GET', 'c/', { signal })).rejects.toMatchObject({ status: 404 });
    expect(getEventListeners(signal, 'abort')).toEqual([]);
    expect((await api.all()).map((r) => r.path)).toEqual(['/a/', '/b/', '/b/', '/c/']);
  });

  it('plain calls one after another leave no timer behind', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn<FetchFunction>(async () => new Response('{"ok": true}'));
    const client = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      fetch,
      timeout: { connect: 1, read: 2.5 },
    });
    for (let i = 0; i < 3; i++) {
      expect(await client.call('GET', 'x/')).toEqual({ ok: true });
      vi.advanceTimersByTime(100);
    }
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
