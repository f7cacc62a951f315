import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  type FetchFunction,
  RayClient,
  type RayJobStatus,
  TimeoutError,
  ValidationError,
} from '../src/index.js';

const BASE = 'https://ray.test';

interface Poll {
  at: number;
  method: string | undefined;
  url: string;
  body: unknown;
  headers: Headers;
}

/**
 * A dashboard whose job reports `statuses` one poll after another (the last one from then on). A status of
 * `503` is a 503 reply instead; `hang` never answers (until the request is aborted).
 */
function dashboard(statuses: (RayJobStatus | 503 | 'hang')[]) {
  const polls: Poll[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const headers = new Headers(init?.headers);
    polls.push({ at: Date.now(), method: init?.method, url: String(input), body: init?.body, headers });
    const status = statuses[Math.min(polls.length, statuses.length) - 1];
    if (status === 503) return new Response('busy', { status: 503 });
    if (status === 'hang') {
      return new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    }
    return Response.json({ type: 'SUBMISSION', job_id: null, submission_id: 's1', status, entrypoint: 'x' });
  };
  return {
    polls,
    client: new RayClient({ baseUrl: BASE, maxRetries: 0, retry: { initialDelay: 0.2 }, fetch }),
  };
}

/** Runs `promise` to its end on fake time; returns what it settled with. */
async function settle<T>(promise: Promise<T>): Promise<T | unknown> {
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  await vi.advanceTimersByTimeAsync(60_000);
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RayClient.waitForJob', () => {
  it('polls GET api/jobs/{id} once a second by default until a terminal status', async () => {
    const { polls, client } = dashboard(['PENDING', 'RUNNING', 'SUCCEEDED']);
    const job = await settle(client.waitForJob('s1'));
    expect(job).toMatchObject({ submission_id: 's1', status: 'SUCCEEDED' });
    expect(polls.map((p) => p.at)).toEqual([0, 1000, 2000]);
    for (const poll of polls) {
      expect(poll).toMatchObject({ method: 'GET', url: `${BASE}/api/jobs/s1`, body: undefined });
    }
  });

  it.each(['STOPPED', 'FAILED', 'SUCCEEDED'] as const)('%s ends the wait', async (status) => {
    const { polls, client } = dashboard(['RUNNING', status]);
    expect(await settle(client.waitForJob('s1'))).toMatchObject({ status });
    expect(polls).toHaveLength(2);
  });

  it('waits pollInterval seconds between polls', async () => {
    const { polls, client } = dashboard(['PENDING', 'PENDING', 'FAILED']);
    await settle(client.waitForJob('s1', { pollInterval: 2.5 }));
    expect(polls.map((p) => p.at)).toEqual([0, 2500, 5000]);
  });

  it('gives up at waitTimeout with a TimeoutError naming the job and its last status', async () => {
    const { polls, client } = dashboard(['PENDING', 'RUNNING']);
    const error = await settle(client.waitForJob('s1', { waitTimeout: 2.5 }));
    // The last wait is shortened to end at the deadline, where one more poll is made.
    expect(polls.map((p) => p.at)).toEqual([0, 1000, 2000, 2500]);
    expect(error).toBeInstanceOf(TimeoutError);
    const reason = 'Ray job s1 did not finish within 2.5s (last status RUNNING)';
    expect(error).toMatchObject({ status: 408, message: reason, reason, phase: 'read', clientName: 'Ray' });
  });

  it('an aborted signal stops the wait before any poll', async () => {
    const { polls, client } = dashboard(['RUNNING']);
    const controller = new AbortController();
    controller.abort();
    const error = await settle(client.waitForJob('s1', { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(polls).toHaveLength(0);
  });

  it('a signal aborted while waiting ends the wait', async () => {
    const { polls, client } = dashboard(['RUNNING']);
    const controller = new AbortController();
    const outcome = client.waitForJob('s1', { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1500);
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortError);
    expect(polls.map((p) => p.at)).toEqual([0, 1000]);
  });

  it.each([
    ['waitTimeout', { waitTimeout: 0 }],
    ['waitTimeout', { waitTimeout: -1 }],
    ['waitTimeout', { waitTimeout: Number.NaN }],
    ['waitTimeout', { waitTimeout: Number.POSITIVE_INFINITY }],
    ['pollInterval', { pollInterval: 0 }],
    ['pollInterval', { pollInterval: -0.5 }],
  ])('%s %o → ValidationError naming it, nothing sent', async (argument, options) => {
    const { polls, client } = dashboard(['SUCCEEDED']);
    const error = await settle(client.waitForJob('s1', options));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument, message: `${argument} must be a positive number of seconds` });
    expect(polls).toHaveLength(0);
  });
});

describe('RayClient.waitForJob: the call options apply to each status request', () => {
  it('headers go out on every poll, with the client’s', async () => {
    const { polls, client } = dashboard(['PENDING', 'RUNNING', 'STOPPED']);
    const job = await settle(client.waitForJob('s1', { headers: { 'X-Trace': 'w1' } }));
    expect(job).toMatchObject({ status: 'STOPPED' });
    expect(polls).toHaveLength(3);
    for (const poll of polls) {
      expect(poll).toMatchObject({ method: 'GET', url: `${BASE}/api/jobs/s1` });
      expect(poll.headers.get('x-trace')).toBe('w1');
    }
  });

  it('maxRetries retries a failed status request (the client itself does not retry)', async () => {
    const { polls, client } = dashboard([503, 'RUNNING', 'SUCCEEDED']);
    const job = await settle(client.waitForJob('s1', { maxRetries: 1 }));
    expect(job).toMatchObject({ status: 'SUCCEEDED' });
    // The retry comes after the client's backoff (0.2 s less up to a quarter of jitter), the next poll a
    // pollInterval after that.
    const [first, retry, next] = polls.map((p) => p.at);
    expect(polls).toHaveLength(3);
    expect(first).toBe(0);
    expect(retry).toBeGreaterThanOrEqual(150);
    expect(retry).toBeLessThanOrEqual(200);
    expect((next ?? 0) - (retry ?? 0)).toBe(1000);
  });

  it('without maxRetries a failed status request ends the wait, as the client is set', async () => {
    const { polls, client } = dashboard([503, 'SUCCEEDED']);
    const error = await settle(client.waitForJob('s1'));
    expect(error).toMatchObject({ status: 503, clientName: 'Ray' });
    expect(polls).toHaveLength(1);
  });

  it('timeout bounds each status request: one that is not answered is a TimeoutError naming the read limit', async () => {
    const { polls, client } = dashboard(['RUNNING', 'hang']);
    const error = await settle(client.waitForJob('s1', { timeout: { connect: 0.25, read: 0.5 } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ status: 408, reason: 'Ray read timeout (>0.5s)', phase: 'read' });
    expect(error).toMatchObject({ url: `${BASE}/api/jobs/s1` });
    // The second poll waited connect + read for its reply.
    expect(polls.map((p) => p.at)).toEqual([0, 1000]);
  });

  it.each<[string, unknown, string, string]>([
    [
      'the old numeric timeout',
      { timeout: 3600 },
      'options.timeout',
      "options.timeout is each status request's { connect?, read? } in seconds; the wait's limit is waitTimeout",
    ],
    ['an unknown option', { interval: 2 }, 'options.interval', 'Unknown option: interval'],
    [
      'a timeout with a misspelt key',
      { timeout: { conect: 1 } },
      'options.timeout.conect',
      'connect and read',
    ],
    ['a zero connect timeout', { timeout: { connect: 0 } }, 'options.timeout.connect', 'positive number'],
    ['a header value with LF', { headers: { 'X-Trace': 'a\nb' } }, 'options.headers.X-Trace', 'LF'],
    ['an invalid header name', { headers: { 'X Trace': 'a' } }, 'options.headers.X Trace', 'header name'],
    ['a fractional maxRetries', { maxRetries: 1.5 }, 'options.maxRetries', 'whole number'],
    ['a signal that is not one', { signal: {} }, 'options.signal', 'AbortSignal'],
    ['options that are not an object', 'fast', 'options', 'options must be an object'],
  ])('%s → ValidationError, nothing sent', async (_, options, argument, message) => {
    const { polls, client } = dashboard(['SUCCEEDED']);
    const error = await settle(client.waitForJob('s1', options as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toContain(message);
    expect(polls).toHaveLength(0);
  });
});
