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
}

/** A dashboard whose job reports `statuses` one poll after another (the last one from then on). */
function dashboard(statuses: RayJobStatus[]) {
  const polls: Poll[] = [];
  const fetch: FetchFunction = async (input, init) => {
    polls.push({ at: Date.now(), method: init?.method, url: String(input), body: init?.body });
    const status = statuses[Math.min(polls.length, statuses.length) - 1];
    return Response.json({ type: 'SUBMISSION', job_id: null, submission_id: 's1', status, entrypoint: 'x' });
  };
  return { polls, client: new RayClient({ baseUrl: BASE, maxRetries: 0, fetch }) };
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

  it('gives up at the timeout with a TimeoutError naming the job and its last status', async () => {
    const { polls, client } = dashboard(['PENDING', 'RUNNING']);
    const error = await settle(client.waitForJob('s1', { timeout: 2.5 }));
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
    ['timeout', { timeout: 0 }],
    ['timeout', { timeout: -1 }],
    ['timeout', { timeout: Number.NaN }],
    ['timeout', { timeout: Number.POSITIVE_INFINITY }],
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
