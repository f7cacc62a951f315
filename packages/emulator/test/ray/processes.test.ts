import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRayService } from '../../src/ray/index.js';
import { setup } from '../helpers.js';
import { collectWs, type Served, serveService, testContext, waitFor } from './harness.js';

let served: Served;

beforeAll(async () => {
  const context = testContext({ runEntrypoints: true });
  served = await serveService(createRayService(context), context);
});
afterAll(() => served.close());

async function submit(entrypoint: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${served.url}/api/jobs/`, {
    method: 'POST',
    body: JSON.stringify({ entrypoint, ...extra }),
  });
  return ((await response.json()) as { submission_id: string }).submission_id;
}

function untilStatus(id: string, statuses: string[]): Promise<Record<string, unknown>> {
  return waitFor(async () => {
    const job = (await (await fetch(`${served.url}/api/jobs/${id}`)).json()) as Record<string, unknown>;
    return statuses.includes(String(job.status)) ? job : undefined;
  });
}

describe('runEntrypoints: real processes', () => {
  it('captures stdout and stderr with env vars and exit codes', async () => {
    const id = await submit('echo "out $GREETING"; echo err 1>&2; exit 4', {
      runtime_env: { env_vars: { GREETING: 'hi' } },
    });
    const job = await untilStatus(id, ['FAILED']);
    expect(job.driver_exit_code).toBe(4);
    const { logs } = (await (await fetch(`${served.url}/api/jobs/${id}/logs`)).json()) as { logs: string };
    expect(logs).toContain('out hi\n');
    expect(logs).toContain('err\n');
  });

  it('tails a real process to its end and stops a long one', async () => {
    const id = await submit('for i in 1 2 3; do echo tick $i; done');
    const { messages, code } = await collectWs(`${served.wsUrl}/api/jobs/${id}/logs/tail`);
    expect([messages.join(''), code]).toEqual(['tick 1\ntick 2\ntick 3\n', 1000]);
    expect((await untilStatus(id, ['SUCCEEDED'])).driver_exit_code).toBe(0);

    const long = await submit('echo started; sleep 30');
    await untilStatus(long, ['RUNNING']);
    const stop = await fetch(`${served.url}/api/jobs/${long}/stop`, { method: 'POST' });
    expect(await stop.json()).toEqual({ stopped: true });
    expect((await untilStatus(long, ['STOPPED'])).status).toBe('STOPPED');
  });
});

describe('runEntrypoints: the job environment', () => {
  const SECRET = 'SYNAPSE_EMULATOR_TEST_SECRET';

  it("is minimal: not the emulator's environment, with its own HOME/TMPDIR and the job's env_vars", async () => {
    const previous = process.env[SECRET];
    process.env[SECRET] = 'do-not-leak';
    const { emulator } = await setup({ runEntrypoints: true, jobTiming: { pendingMs: 0 } });
    try {
      const submitted = await fetch(`${emulator.rayUrl}/api/jobs/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          entrypoint: 'env; touch "$HOME/x"',
          runtime_env: { env_vars: { MINE: 'yes' } },
        }),
      });
      const { submission_id: id } = (await submitted.json()) as { submission_id: string };
      await waitFor(async () => {
        const job = (await (await fetch(`${emulator.rayUrl}/api/jobs/${id}`)).json()) as { status: string };
        return job.status === 'SUCCEEDED' ? job : undefined;
      });
      const { logs } = (await (await fetch(`${emulator.rayUrl}/api/jobs/${id}/logs`)).json()) as {
        logs: string;
      };
      const env = Object.fromEntries(
        logs
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      expect(logs).not.toContain('do-not-leak');
      expect(env[SECRET]).toBeUndefined();
      expect(env.PATH).toBe(process.env.PATH);
      expect(env).toMatchObject({ LANG: 'C.UTF-8', MINE: 'yes' });
      expect(env.HOME).toBe(env.TMPDIR);
      expect(env.HOME).not.toBe(process.env.HOME);
      expect(env.HOME?.startsWith(emulator.dataDir)).toBe(true);
      // The folder goes away with the process.
      await waitFor(async () => (existsSync(env.HOME as string) ? undefined : true));
    } finally {
      await emulator.stop();
      if (previous === undefined) delete process.env[SECRET];
      else process.env[SECRET] = previous;
    }
  });
});
