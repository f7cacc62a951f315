import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/index.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ jobTiming: { pendingMs: 10, runningMs: 50 } });
});
afterAll(() => emulator.stop());

describe('startEmulator', () => {
  it('serves one Ray cluster behind the agent and the dashboard', async () => {
    const run = await fetch(`${emulator.agentUrl}/plugin_releases/demo@1.0.0/run/`, {
      method: 'POST',
      headers: { Authorization: emulator.tokens.agentToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'train', params: {} }),
    });
    expect(run.status).toBe(200);
    const { job_id: jobId } = (await run.json()) as { job_id: string };
    const fromRay = await fetch(`${emulator.rayUrl}/api/jobs/${jobId}`);
    expect(fromRay.status).toBe(200);
    expect(((await fromRay.json()) as { submission_id: string }).submission_id).toBe(jobId);
  });
});
