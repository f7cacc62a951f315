import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRayService } from '../../src/ray/index.js';
import { collectWs, type Served, serveService, testContext, waitFor, wsHandshakeStatus } from './harness.js';

let served: Served;

beforeAll(async () => {
  // Two tests look at a job while it is still PENDING: the phase must outlast a request on a loaded machine.
  const context = testContext({ jobTiming: { pendingMs: 1000, runningMs: 120 } });
  served = await serveService(createRayService(context), context);
});
afterAll(() => served.close());

async function submit(body: unknown): Promise<Response> {
  return fetch(`${served.url}/api/jobs/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function getJob(id: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${served.url}/api/jobs/${id}`)).json()) as Record<string, unknown>;
}

function untilStatus(id: string, statuses: string[]) {
  return waitFor(async () => {
    const job = await getJob(id);
    return statuses.includes(String(job.status)) ? job : undefined;
  });
}

describe('Ray Jobs API', () => {
  it('serves the version on both routes', async () => {
    for (const path of ['/api/version', '/api/ray/version']) {
      const body = (await (await fetch(`${served.url}${path}`)).json()) as Record<string, string>;
      expect(body.version).toBe('4');
      expect(body.ray_version).toMatch(/^2\./);
      expect(body).toHaveProperty('ray_commit');
      expect(body.session_name).toMatch(/^session_/);
    }
  });

  it('submits, runs to SUCCEEDED and serves the logs', async () => {
    const response = await submit({
      entrypoint: 'echo hello && echo "big world"',
      runtime_env: null,
      metadata: { a: 'b' },
    });
    expect(response.status).toBe(200);
    const { job_id, submission_id } = (await response.json()) as { job_id: string; submission_id: string };
    expect(submission_id).toMatch(/^raysubmit_[A-HJ-NP-Za-km-z1-9]{16}$/);
    expect(job_id).toBe(submission_id);
    const pending = await getJob(submission_id);
    expect(pending).toMatchObject({
      type: 'SUBMISSION',
      status: 'PENDING',
      job_id: null,
      driver_exit_code: null,
    });
    expect(pending.message).toBe('Job has not started yet.');
    expect(typeof pending.start_time).toBe('number');

    const done = await untilStatus(submission_id, ['SUCCEEDED']);
    expect(done).toMatchObject({
      message: 'Job finished successfully.',
      driver_exit_code: 0,
      metadata: { a: 'b' },
      driver_agent_http_address: 'http://127.0.0.1:52365',
    });
    expect(done.job_id).toMatch(/^[0-9a-f]{8}$/);
    expect((done.driver_info as Record<string, unknown>).id).toBe(done.job_id);
    expect(typeof (done.driver_info as Record<string, unknown>).pid).toBe('string');
    expect(done.end_time as number).toBeGreaterThanOrEqual(done.start_time as number);

    const logs = (await (await fetch(`${served.url}/api/jobs/${submission_id}/logs`)).json()) as {
      logs: string;
    };
    expect(logs.logs).toBe('hello\nbig world\n');
    // The driver job id works as an alias.
    expect((await getJob(String(done.job_id))).submission_id).toBe(submission_id);

    const list = (await (await fetch(`${served.url}/api/jobs/`)).json()) as Array<Record<string, unknown>>;
    expect(list.some((job) => job.submission_id === submission_id)).toBe(true);
    expect(list.at(-1)).toMatchObject({ type: 'DRIVER', submission_id: null, job_id: '01000000' });
  });

  it('fails entrypoints with exit N or fail', async () => {
    await submit({ entrypoint: 'echo oops; exit 3', submission_id: 'exit-three' });
    const failed = await untilStatus('exit-three', ['FAILED']);
    expect(failed.driver_exit_code).toBe(3);
    expect(String(failed.message)).toContain('exit code 3');
    expect(String(failed.message)).toContain('oops');
    await submit({ entrypoint: 'python train.py --fail', submission_id: 'word-fail' });
    expect((await untilStatus('word-fail', ['FAILED'])).driver_exit_code).toBe(1);
  });

  it('mentions requested resources and runtime env in the PENDING message', async () => {
    await submit({
      entrypoint: 'sleep 1',
      submission_id: 'res-job',
      entrypoint_num_gpus: 1,
      runtime_env: { pip: ['x'] },
    });
    const job = await getJob('res-job');
    expect(job.message).toBe(
      'Job has not started yet. It may be waiting for resources (CPUs, GPUs, memory, custom resources) to become available. It may be waiting for the runtime environment to be set up.',
    );
    expect(job).not.toHaveProperty('entrypoint_num_gpus');
  });

  it('rejects bad submissions with plain-text 400s', async () => {
    const cases: Array<[unknown, string]> = [
      [{ entrypoint: 'x', bogus: 1 }, "unexpected keyword argument 'bogus'"],
      [{ entrypoint: 5 }, "entrypoint must be a string, got <class 'int'>"],
      [{ metadata: {} }, "missing 1 required positional argument: 'entrypoint'"],
      [{ entrypoint: 'x', metadata: { a: 1 } }, 'metadata values must be strings'],
      [{ entrypoint: 'x', entrypoint_memory: 1.5 }, 'entrypoint_memory must be an integer'],
    ];
    for (const [body, text] of cases) {
      const response = await submit(body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).toContain(text);
    }
    expect((await submit({ entrypoint: 'x', job_id: null, submission_id: 'dup' })).status).toBe(200);
    const duplicate = await submit({ entrypoint: 'x', submission_id: 'dup' });
    expect(duplicate.status).toBe(400);
    expect(await duplicate.text()).toContain(
      'Job with submission_id dup already exists. Please use a different submission_id.',
    );
  });

  it('answers unknown ids and paths with plain-text 404s', async () => {
    for (const path of ['/api/jobs/nope', '/api/jobs/nope/logs']) {
      const response = await fetch(`${served.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Job nope does not exist');
    }
    const stop = await fetch(`${served.url}/api/jobs/nope/stop`, { method: 'POST' });
    expect(stop.status).toBe(404);
    for (const path of ['/api/jobs', '/api/jobs/x/', '/api/v0/nodes/', '/nothing']) {
      const response = await fetch(`${served.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('404: Not Found');
    }
  });

  it('refuses job actions on DRIVER jobs', async () => {
    const stop = await fetch(`${served.url}/api/jobs/01000000/stop`, { method: 'POST' });
    expect([stop.status, await stop.text()]).toEqual([400, 'Can only stop submission type jobs']);
    const del = await fetch(`${served.url}/api/jobs/01000000`, { method: 'DELETE' });
    expect([del.status, await del.text()]).toEqual([400, 'Can only delete submission type jobs']);
    const logs = await fetch(`${served.url}/api/jobs/01000000/logs`);
    expect([logs.status, await logs.text()]).toEqual([400, 'Can only get logs of submission type jobs']);
  });

  it('stops a running job and deletes only terminal jobs', async () => {
    await submit({ entrypoint: 'sleep 30', submission_id: 'long-job' });
    await untilStatus('long-job', ['RUNNING']);
    const refused = await fetch(`${served.url}/api/jobs/long-job`, { method: 'DELETE' });
    expect(refused.status).toBe(500);
    expect(await refused.text()).toContain(
      "Attempted to delete job 'long-job', but it is in a non-terminal state RUNNING.",
    );
    const stop = await fetch(`${served.url}/api/jobs/long-job/stop`, { method: 'POST' });
    expect(await stop.json()).toEqual({ stopped: true });
    const stopped = await untilStatus('long-job', ['STOPPED']);
    expect(stopped.message).toBe('Job was intentionally stopped.');
    const again = await fetch(`${served.url}/api/jobs/long-job/stop`, { method: 'POST' });
    expect(await again.json()).toEqual({ stopped: false });
    const deleted = await fetch(`${served.url}/api/jobs/long-job`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ deleted: true });
    expect((await fetch(`${served.url}/api/jobs/long-job`)).status).toBe(404);
  });

  it('tails logs over a WebSocket until the job ends', async () => {
    await submit({ entrypoint: 'echo one && echo two && echo three', submission_id: 'tail-job' });
    const { messages, code } = await collectWs(`${served.wsUrl}/api/jobs/tail-job/logs/tail`);
    expect(messages.join('')).toBe('one\ntwo\nthree\n');
    expect(code).toBe(1000);
    // A finished job replays its history and closes.
    const replay = await collectWs(`${served.wsUrl}/api/jobs/tail-job/logs/tail`);
    expect([replay.messages.join(''), replay.code]).toEqual(['one\ntwo\nthree\n', 1000]);
  });

  it('rejects tail handshakes for unknown and DRIVER jobs', async () => {
    expect(await wsHandshakeStatus(`${served.wsUrl}/api/jobs/nope/logs/tail`)).toEqual({
      status: 404,
      body: 'Job nope does not exist',
    });
    expect((await wsHandshakeStatus(`${served.wsUrl}/api/jobs/01000000/logs/tail`)).status).toBe(400);
  });

  it('closes the tail with no frames for a job stopped while PENDING', async () => {
    await submit({ entrypoint: 'echo never', submission_id: 'stopped-early' });
    await fetch(`${served.url}/api/jobs/stopped-early/stop`, { method: 'POST' });
    expect(await collectWs(`${served.wsUrl}/api/jobs/stopped-early/logs/tail`)).toEqual({
      messages: [],
      code: 1000,
    });
  });

  it('batches whole lines into tail frames for large scripted output', async () => {
    const created = await fetch(`${served.url}/__emulator/jobs`, {
      method: 'POST',
      body: JSON.stringify({ id: 'big-tail', repeat: { count: 20_000, line: 'row {n}' } }),
    });
    expect(created.status).toBe(201);
    const { messages, code } = await collectWs(`${served.wsUrl}/api/jobs/big-tail/logs/tail`);
    expect(code).toBe(1000);
    expect(messages.length).toBeLessThan(20_000);
    expect(messages.every((frame) => frame.endsWith('\n'))).toBe(true);
    const lines = messages.join('').split('\n');
    expect([lines.length, lines[0], lines[19_999]]).toEqual([20_001, 'row 1', 'row 20000']);
  });
});
