import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentService } from '../../src/agent/index.js';
import { createRayService, RayCluster } from '../../src/ray/index.js';
import { AGENT_TOKEN, type Served, serveService, testContext, waitFor } from '../ray/harness.js';

let agent: Served;
let ray: Served;

beforeAll(async () => {
  const context = testContext();
  const cluster = new RayCluster(context);
  agent = await serveService(createAgentService(context, cluster));
  ray = await serveService(createRayService(context, cluster));
});
afterAll(async () => {
  await agent.close();
  await ray.close();
});

describe('agent and Ray sharing one cluster', () => {
  it('shows a job run through the agent on the Ray dashboard', async () => {
    const run = await fetch(`${agent.url}/plugin_releases/demo/run/`, {
      method: 'POST',
      headers: { Authorization: AGENT_TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'deploy' }),
    });
    const { job_id } = (await run.json()) as { job_id: string };
    const job = await waitFor(async () => {
      const body = (await (await fetch(`${ray.url}/api/jobs/${job_id}`)).json()) as Record<string, unknown>;
      return body.status === 'SUCCEEDED' ? body : undefined;
    });
    expect(job.metadata).toEqual({ plugin_release: 'demo', action: 'deploy' });
  });
});
