import { type Emulator, startEmulator } from '@synapse/emulator';
import { blockNetwork, resetNetwork } from '@synapse/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, type ClientError, NotFoundError, RayClient } from '../src/index.js';

const HEAD_NODE = '9d55184ac7f0bf1ddadf2b31ec559017e62099e22068b54ddf6f7eb3';
let emulator: Emulator;
let ray: RayClient;

beforeAll(async () => {
  blockNetwork();
  emulator = await startEmulator();
  ray = new RayClient({ baseUrl: emulator.rayUrl, maxRetries: 0 });
});
afterAll(async () => {
  await emulator?.stop();
  resetNetwork();
});

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of iterable) out.push(line);
  return out;
}

async function caught(promise: Promise<unknown>): Promise<ClientError> {
  return (await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  )) as ClientError;
}

describe('RayClient against the emulated dashboard', () => {
  it('getVersion', async () => {
    expect(await ray.getVersion()).toMatchObject({ version: '4', ray_version: '2.40.0' });
  });

  it('submits a job, tails its logs to the end over WebSocket, waits for SUCCEEDED', async () => {
    const id = await ray.submitJob({
      entrypoint: 'echo hello && echo "big world"',
      metadata: { who: 'test' },
    });
    expect(id).toMatch(/^raysubmit_/);
    expect(await collect(ray.tailJobLogs(id))).toEqual(['hello', 'big world']);
    const job = await ray.waitForJob(id, { pollInterval: 0.05, waitTimeout: 20 });
    expect(job).toMatchObject({ submission_id: id, status: 'SUCCEEDED', metadata: { who: 'test' } });
    expect(await ray.getJobStatus(id)).toBe('SUCCEEDED');
    expect(await ray.getJobLogs(id)).toBe('hello\nbig world\n');
    expect((await ray.listJobs()).map((j) => j.submission_id)).toContain(id);
  });

  it('a failing job ends FAILED', async () => {
    const id = await ray.submitJob({ entrypoint: 'python train.py --fail', submissionId: 'failing-job' });
    expect(id).toBe('failing-job');
    expect(await ray.waitForJob(id, { pollInterval: 0.05, waitTimeout: 20 })).toMatchObject({
      status: 'FAILED',
      driver_exit_code: 1,
    });
  });

  it('stops and deletes a job; deleting a running job is a 500 with Ray text', async () => {
    const id = await ray.submitJob({ entrypoint: 'sleep 30' });
    const busy = await caught(ray.deleteJob(id));
    expect(busy.status).toBe(500);
    expect(busy.message).toContain('non-terminal state');
    expect(await ray.stopJob(id)).toBe(true);
    expect(await ray.waitForJob(id, { pollInterval: 0.05, waitTimeout: 20 })).toMatchObject({
      status: 'STOPPED',
    });
    expect(await ray.stopJob(id)).toBe(false);
    expect(await ray.deleteJob(id)).toBe(true);
    const gone = await caught(ray.getJobInfo(id));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.body).toBe(`Job ${id} does not exist`);
  });

  it('404 and 400 text errors', async () => {
    const missing = await caught(ray.getJobLogs('nope'));
    expect(missing).toMatchObject({ status: 404, body: 'Job nope does not exist' });
    const tail = await caught(collect(ray.tailJobLogs('nope')));
    expect(tail).toMatchObject({ status: 404 });
    expect(tail.message).toContain('Job nope does not exist');
    await ray.submitJob({ entrypoint: 'echo x', submissionId: 'dup-job' });
    const dup = await caught(ray.submitJob({ entrypoint: 'echo x', submissionId: 'dup-job' }));
    expect(dup).toBeInstanceOf(BadRequestError);
    expect(dup.message).toContain('already exists');
    const driver = await caught(ray.stopJob('01000000'));
    expect(driver).toMatchObject({ status: 400, body: 'Can only stop submission type jobs' });
  });

  it('state API: limits, filters, detail, bad input', async () => {
    const all = await ray.listClusterNodes();
    expect(all.total).toBe(2);
    const one = await ray.listClusterNodes({ limit: 1 });
    expect(one.rows).toHaveLength(1);
    expect(one.numFiltered).toBe(2);
    const head = await ray.listClusterNodes({ filters: [['is_head_node', '=', true]], detail: true });
    expect(head.rows).toHaveLength(1);
    expect(head.rows[0]).toMatchObject({ node_id: HEAD_NODE });
    expect(head.rows[0]).toHaveProperty('start_time_ms');
    const alive = await ray.listActors({ filters: [['state', '=', 'alive']] });
    expect(alive.rows.length).toBe(3);
    const notAlive = await ray.listActors({ filters: [['state', '!=', 'ALIVE']] });
    expect(notAlive.rows.map((r) => r.class_name)).toEqual(['TrainWorker']);
    const withDriver = await ray.listClusterTasks({ excludeDriver: false });
    const withoutDriver = await ray.listClusterTasks();
    expect(withDriver.rows.length).toBe(withoutDriver.rows.length + 1);
    const jobs = await ray.listClusterJobs({ filters: [['type', '=', 'DRIVER']] });
    expect(jobs.rows.map((r) => r.job_id)).toEqual(['01000000']);
    const tooMany = await caught(ray.listClusterNodes({ limit: 20_000 }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.message).toContain('exceeds the supported limit');
    const badColumn = await caught(ray.listClusterNodes({ filters: [['resources_total', '=', 'x']] }));
    expect(badColumn.message).toContain('not supported');
  });

  it('serve: read, deploy, read back, delete', async () => {
    expect((await ray.listServeApplications()).map((a) => a.name)).toEqual(['demo_app']);
    const demo = await ray.getServeApplication('demo_app');
    expect(demo.deployments.map((d) => d.name).sort()).toEqual(['DemoModel', 'Ingress']);
    await ray.deployServeApplications({
      applications: [{ name: 'other', import_path: 'other.app:app', route_prefix: '/other' }],
    });
    const raw = await ray.getServeApplications();
    expect(Object.keys(raw.applications)).toEqual(['other']);
    expect(await ray.getServeApplication('other')).toMatchObject({ name: 'other', route_prefix: '/other' });
    await expect(ray.getServeApplication('demo_app')).rejects.toMatchObject({ status: 404 });
    const invalid = await caught(
      ray.deployServeApplications({ applications: [{ import_path: 'x:y', host: 'h' }] }),
    );
    expect(invalid.status).toBe(400);
    await ray.deleteServeApplications();
    expect(await ray.listServeApplications()).toEqual([]);
  });

  it('legacy nodes', async () => {
    const summary = await ray.listNodes({ view: 'summary' });
    expect(summary.map((n) => (n.raylet as { nodeId: string }).nodeId)).toContain(HEAD_NODE);
    const unknownView = await caught(ray.listNodes());
    expect(unknownView.status).toBe(500);
    expect(unknownView.message).toContain('Unknown view');
    expect(await ray.getNode(HEAD_NODE)).toMatchObject({
      raylet: { nodeId: HEAD_NODE },
      actors: {},
      workers: [],
    });
    await expect(ray.getNode('ffff')).rejects.toMatchObject({ status: 404, reason: 'Node Not Found' });
  });

  it('stopping the tail early ends the loop; the job still finishes', async () => {
    const id = await ray.submitJob({ entrypoint: 'echo a && echo b && sleep 1' });
    for await (const line of ray.tailJobLogs(id)) {
      expect(line).toBe('a');
      break;
    }
    expect(await ray.waitForJob(id, { pollInterval: 0.05, waitTimeout: 20 })).toMatchObject({
      status: 'SUCCEEDED',
    });
  });
});
