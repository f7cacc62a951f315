import { getEventListeners } from 'node:events';
import { MockApi, useMockNetwork } from '@synapse/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  type ClientError,
  ConnectionError,
  isRetryable,
  parseRetryAfter,
  RateLimitError,
  retryDelay,
  ServerError,
  sleep,
  TimeoutError,
} from '../src/internal.js';
import { closedPort, localServer } from './helpers/local-server.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

const fast = { initialDelay: 0.001, maxDelay: 0.005, maxRetryAfter: 0.01 };
const client = (maxRetries = 3) =>
  new TestClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries, retry: fast });

describe('retry policy', () => {
  it.each([
    ['GET', 503, true],
    ['GET', 502, true],
    ['GET', 504, true],
    ['GET', 408, true],
    ['GET', 429, true],
    ['GET', 500, false],
    ['GET', 404, false],
    ['PUT', 503, true],
    ['DELETE', 503, true],
    ['POST', 503, false],
    ['POST', 502, false],
    ['PATCH', 504, false],
    ['POST', 429, true],
    ['PATCH', 429, true],
  ])('%s answered %i → retry %s', (method, status, expected) => {
    expect(isRetryable(method, { status })).toBe(expected);
  });

  it('POST retries a failure only when nothing reached the server', () => {
    expect(isRetryable('POST', { kind: 'refused', sent: false, cause: null })).toBe(true);
    expect(isRetryable('POST', { kind: 'connection', sent: true, detail: 'reset', cause: null })).toBe(false);
    expect(isRetryable('POST', { kind: 'timeout', phase: 'read', sent: true, cause: null })).toBe(false);
    expect(isRetryable('GET', { kind: 'connection', sent: true, detail: 'reset', cause: null })).toBe(true);
    expect(isRetryable('GET', { kind: 'aborted', sent: true, cause: null })).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter('0.5')).toBe(0.5);
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT')).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, and honours a capped Retry-After', () => {
    const settings = { initialDelay: 0.5, maxDelay: 8, maxRetryAfter: 60 };
    expect(retryDelay(0, settings, undefined, () => 0)).toBe(0.5);
    expect(retryDelay(2, settings, undefined, () => 0)).toBe(2);
    expect(retryDelay(2, settings, undefined, () => 1)).toBe(1.5);
    expect(retryDelay(10, settings, undefined, () => 0)).toBe(8);
    expect(retryDelay(0, settings, 12, () => 0)).toBe(12);
    expect(retryDelay(0, settings, 600, () => 0)).toBe(60);
  });
});

describe('retries on the wire', () => {
  it('GET: 503, 503, then 200', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/r/', 2).reply(503, { detail: 'busy' });
    api.on('GET', '/r/').reply(200, { id: 1 });
    expect(await client().call('GET', 'r/')).toEqual({ id: 1 });
    const requests = await api.all();
    expect(requests).toHaveLength(3);
    for (const req of requests)
      expect(req).toMatchObject({
        method: 'GET',
        path: '/r/',
        headers: { 'synapse-access-token': `Token ${TOKEN}` },
      });
  });

  it('gives up after maxRetries with the last status', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/r/', 3).reply(503, { detail: 'busy' });
    const error = await client(2)
      .call('GET', 'r/')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ClientError).status).toBe(503);
    expect(await api.all()).toHaveLength(3);
  });

  it('maxRetries 0 disables retries', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/r/').reply(503, {});
    await expect(client(0).call('GET', 'r/')).rejects.toBeInstanceOf(ServerError);
    expect(await api.all()).toHaveLength(1);
  });

  it('POST is not retried on 502 (it may have been acted on)', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/things/').reply(502, {});
    await expect(client().call('POST', 'things/', { data: { a: 1 } })).rejects.toBeInstanceOf(ServerError);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'POST', json: { a: 1 } });
  });

  it('POST is retried on 429, honouring Retry-After', async () => {
    const api = new MockApi(BASE);
    api.on('POST', '/things/').reply(429, { detail: 'slow' }, { 'Retry-After': '0' });
    api.on('POST', '/things/').reply(201, { id: 9 });
    expect(await client().call('POST', 'things/', { data: { a: 1 } })).toEqual({ id: 9 });
    const requests = await api.all();
    expect(requests.map((r) => r.json)).toEqual([{ a: 1 }, { a: 1 }]);
  });

  it('a 429 that persists surfaces as RateLimitError', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/r/', 2).reply(429, {}, { 'Retry-After': '0' });
    const error = (await client(1)
      .call('GET', 'r/')
      .catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(0);
    expect(await api.all()).toHaveLength(2);
  });

  it('POST is retried when the connection is refused (nothing was sent)', async () => {
    const url = await closedPort();
    const refused = new TestClient({ baseUrl: url, apiToken: TOKEN, maxRetries: 2, retry: fast });
    const error = (await refused.call('POST', 'x/', { data: {} }).catch((e: unknown) => e)) as ClientError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.status).toBe(503);
    expect(error.reason).toBe('Backend connection refused'); // behavior 29
  });

  it('an abort during the wait between retries stops at once', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/r/').reply(503, {});
    const controller = new AbortController();
    const slow = new TestClient({ baseUrl: BASE, maxRetries: 3, retry: { initialDelay: 30, maxDelay: 30 } });
    const pending = slow.call('GET', 'r/', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(await api.all()).toHaveLength(1);
  });
});

describe('waits beyond the timer range', () => {
  /** Collects Node's `TimeoutOverflowWarning`s (a delay setTimeout cannot hold, so it fires at once). */
  function overflowWarnings(): { list: string[]; stop(): void } {
    const list: string[] = [];
    const onWarning = (warning: Error) => {
      if (warning.name === 'TimeoutOverflowWarning') list.push(warning.message);
    };
    process.on('warning', onWarning);
    return { list, stop: () => process.off('warning', onWarning) };
  }

  it('sleep for 3e9 seconds is still waiting later, and an abort ends it', async () => {
    const warnings = overflowWarnings();
    const controller = new AbortController();
    let settled = false;
    const waiting = sleep(3e9, controller.signal).finally(() => {
      settled = true;
    });
    // An overflowing timer fires after 1 ms.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    warnings.stop();
    expect(warnings.list).toEqual([]);
  });

  it('a Retry-After of 9999999999 s does not make the retry go out at once', async () => {
    const warnings = overflowWarnings();
    const api = new MockApi(BASE);
    api.on('GET', '/r/', 2).reply(503, { detail: 'busy' }, { 'Retry-After': '9999999999' });
    let retryScheduled: (message: string) => void = () => {};
    const scheduled = new Promise<string>((resolve) => {
      retryScheduled = resolve;
    });
    const patient = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      maxRetries: 3,
      retry: { maxRetryAfter: 1e10 },
      logger: {
        debug: (message) => {
          if (message.startsWith('retrying')) retryScheduled(message);
        },
      },
    });
    const controller = new AbortController();
    const pending = patient.call('GET', 'r/', { signal: controller.signal });
    expect(await scheduled).toContain('in 9999999999000 ms');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({
      method: 'GET',
      path: '/r/',
      search: '',
      headers: { 'synapse-access-token': `Token ${TOKEN}` },
    });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(api.requests).toHaveLength(1);
    warnings.stop();
    expect(warnings.list).toEqual([]);
  });
});

describe('timeouts and dropped connections', () => {
  it('a slow server gives TimeoutError 408 with a read-timeout reason', async () => {
    const server = await localServer((_req, res) => setTimeout(() => res.end('{}'), 2000));
    try {
      const slow = new TestClient({
        baseUrl: server.url,
        maxRetries: 0,
        timeout: { connect: 0.05, read: 0.1 },
      });
      const error = (await slow.call('GET', 'x/').catch((e: unknown) => e)) as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.status).toBe(408);
      expect(error.reason).toBe('Backend read timeout (>0.1s)');
    } finally {
      await server.close();
    }
  });

  it('a body that stalls mid-way times out too', async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial": ');
    });
    try {
      const slow = new TestClient({ baseUrl: server.url, maxRetries: 0, timeout: { connect: 1, read: 0.1 } });
      await expect(slow.call('GET', 'x/')).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      await server.close();
    }
  });

  it('a connection dropped mid-response is a ConnectionError, and GET retries it', async () => {
    let calls = 0;
    const server = await localServer((req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"a"');
        setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      res.end('{"ok": true}');
    });
    try {
      const flaky = new TestClient({ baseUrl: server.url, maxRetries: 1, retry: fast });
      expect(await flaky.call('GET', 'x/')).toEqual({ ok: true });
      expect(calls).toBe(2);
      const once = new TestClient({ baseUrl: server.url, maxRetries: 0 });
      calls = 0;
      const error = (await once.call('GET', 'x/').catch((e: unknown) => e)) as ClientError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.status).toBe(503);
      expect(String(error.reason)).toMatch(/^Backend connection error: /);
    } finally {
      await server.close();
    }
  });
});

describe('retry policy, edges', () => {
  it.each(['HEAD', 'OPTIONS', 'get', 'Delete'])(
    '%s is idempotent: retried on 503 and after a sent request broke',
    (method) => {
      expect(isRetryable(method, { status: 503 })).toBe(true);
      expect(isRetryable(method, { kind: 'connection', sent: true, detail: 'reset', cause: null })).toBe(
        true,
      );
    },
  );

  it('reads Retry-After with blanks around it, and only whole numbers or decimals as seconds', () => {
    expect(parseRetryAfter(' 5 ')).toBe(5);
    expect(parseRetryAfter('2.75')).toBe(2.75);
    expect(parseRetryAfter('x5')).toBeUndefined();
    expect(parseRetryAfter('5x')).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
  });

  it('an HTTP date is the seconds from now until then, never negative', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', now)).toBe(10);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now + 500)).toBe(0);
  });
});

describe('sleep', () => {
  it('resolves after its time', async () => {
    vi.useFakeTimers();
    try {
      let done = false;
      const waiting = sleep(2).then(() => {
        done = true;
      });
      await vi.advanceTimersByTimeAsync(1999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects at once for a signal that has already fired', async () => {
    const reason = new Error('stopped');
    const error = await sleep(0.01, AbortSignal.abort(reason)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'The request was aborted', cause: reason });
  });

  it("rejects when the signal fires during the wait, with the caller's reason", async () => {
    const controller = new AbortController();
    const waiting = sleep(60, controller.signal);
    const reason = new Error('user gave up');
    controller.abort(reason);
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'The request was aborted while waiting to retry', cause: reason });
  });

  it("leaves nothing on the caller's signal, whether the wait ends or is aborted", async () => {
    const controller = new AbortController();
    await sleep(0.001, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
    const waiting = sleep(60, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
  });
});

describe('timeouts of a body, on the wire', () => {
  it('a body that stalls is a read timeout, and a POST is not sent again (the server may have acted)', async () => {
    let requests = 0;
    const server = await localServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial": ');
    });
    try {
      const slow = new TestClient({
        baseUrl: server.url,
        maxRetries: 2,
        retry: fast,
        timeout: { connect: 1, read: 0.1 },
      });
      const error = (await slow.call('POST', 'x/', { data: {} }).catch((e: unknown) => e)) as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({
        status: 408,
        phase: 'read',
        reason: 'Backend read timeout (>0.1s)',
        message: `Backend read timeout (>0.1s): POST ${server.url}/x/`,
      });
      expect(requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("the caller's abort while the body arrives is an AbortError, not a failure to retry", async () => {
    let requests = 0;
    const server = await localServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial": ');
    });
    try {
      const controller = new AbortController();
      const reason = new Error('enough');
      const client = new TestClient({
        baseUrl: server.url,
        maxRetries: 2,
        retry: fast,
        // The reply's headers are in: the caller gives up while the body is still on its way.
        logger: {
          debug: (message) => {
            if (message.startsWith('←')) controller.abort(reason);
          },
        },
      });
      const error = await client.call('GET', 'x/', { signal: controller.signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(error).toMatchObject({ message: `Backend GET ${server.url}/x/ was aborted`, cause: reason });
      expect(requests).toBe(1);
    } finally {
      await server.close();
    }
  });
});
