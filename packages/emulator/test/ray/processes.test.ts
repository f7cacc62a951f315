import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRayService } from '../../src/ray/index.js';
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
