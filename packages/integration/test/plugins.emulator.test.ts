import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useEmulator, useTempDir } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IntegrationClient,
  type Job,
  type JsonObject,
  type PathParam,
  ValidationError,
} from '../src/index.js';

const emu = useEmulator({ jobTiming: { pendingMs: 20, runningMs: 200 } });
const tmp = useTempDir('integration-emulator-');
let client: IntegrationClient;
beforeAll(() => {
  client = emu.client(IntegrationClient);
});

/** Polls the job until it reaches a terminal status (the emulator finishes runs in a fraction of a second). */
async function waitForJob(id: PathParam): Promise<Job> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const job = await client.getJob(id);
    if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'stopped') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${id} did not finish`);
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('plugin development and deployment against the emulator', () => {
  let pluginId: number;
  let releaseId: number;
  let jobId: PathParam;

  it('creates, reads and updates a plugin', async () => {
    const plugin = await client.createPlugin({
      code: 'e2e-detector',
      name: 'E2E detector',
      category: 'neural_net',
    });
    expect(plugin).toMatchObject({ code: 'e2e-detector', name: 'E2E detector' });
    pluginId = plugin.id;
    expect(await client.getPlugin(pluginId)).toMatchObject({ id: pluginId, code: 'e2e-detector' });
    const updated = await client.updatePlugin(pluginId, { code: 'e2e-detector', name: 'E2E detector v2' });
    expect(updated).toMatchObject({ id: pluginId, name: 'E2E detector v2' });
  });

  it('uploads a release from a zip file and serves its bytes back', async () => {
    const archive = join(tmp.path, 'e2e-detector-1.0.0.zip');
    const bytes = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0), 0xfe, 0xff]);
    await writeFile(archive, bytes);
    const data = { plugin: pluginId, version: '1.0.0', config: { actions: { train: {} } }, file: archive };
    const release = await client.createPluginRelease(data);
    expect(data.file).toBe(archive);
    expect(release).toMatchObject({ plugin: pluginId, version: '1.0.0', config: { actions: { train: {} } } });
    expect(release.file).toMatch(/e2e-detector-1\.0\.0\.zip$/);
    releaseId = release.id;
    expect(await client.getPluginRelease(releaseId)).toMatchObject({ id: releaseId, plugin: pluginId });
    const served = await fetch(release.file ?? '');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
  });

  /** Runs the plugin; the emulator's reply always names the job it started. */
  async function startedJob(data: JsonObject): Promise<number> {
    const run = await client.runPlugin(pluginId, data);
    expect(run.job_id).toEqual(expect.any(Number));
    return run.job_id as number;
  }

  it('runs the plugin and polls the job until it succeeds', async () => {
    jobId = await startedJob({ action: 'train', params: { epochs: 1 } });
    const job = await waitForJob(jobId);
    expect(job).toMatchObject({
      id: jobId,
      status: 'succeeded',
      plugin: pluginId,
      plugin_release: releaseId,
    });
  });

  it('lists the console logs of the finished job', async () => {
    const logs = await client.listJobConsoleLogs(jobId);
    const messages = logs.map((entry) => entry.message);
    expect(messages[0]).toBe(`Job ${jobId} queued (action: train)`);
    expect(messages).toContain(`Job ${jobId} started`);
    expect(messages.at(-1)).toBe(`Job ${jobId} succeeded`);
  });

  it('tails the console logs of a fresh run until the stream ends', async () => {
    const job_id = await startedJob({ action: 'train' });
    const lines = await collect(client.tailJobConsoleLogs(job_id));
    expect(lines[0]).toBe(`Job ${job_id} queued (action: train)`);
    expect(lines).toContain('Step 3/3 done');
    expect(lines.at(-1)).toBe(`Job ${job_id} succeeded`);
    expect((await client.getJob(job_id)).status).toBe('succeeded');
    const logged = (await client.listJobConsoleLogs(job_id)).map((entry) => entry.message);
    expect(lines).toEqual(logged);
  });

  it('tails a failing run to its end', async () => {
    const job_id = await startedJob({ action: 'train', params: { fail: true } });
    const lines = await collect(client.tailJobConsoleLogs(job_id));
    expect(lines.at(-1)).toBe(`Job ${job_id} failed`);
    expect((await waitForJob(job_id)).status).toBe('failed');
  });

  it('updates a job: progress, console logs and status; unknown keys never reach the server', async () => {
    const job_id = await startedJob({ action: 'deploy' });
    const updated = await client.updateJob(job_id, {
      progress_record: { current: 1, total: 2 },
      metrics_record: { loss: 0.5 },
      console_logs: [{ message: 'custom line', level: 'info' }],
      progress: 50,
      metadata: { ignored: true },
    } as never);
    expect(updated).toMatchObject({ id: job_id, progress_record: { current: 1, total: 2 } });
    expect(updated).not.toHaveProperty('progress');
    expect(updated).not.toHaveProperty('metadata');
    const stopped = await client.updateJob(job_id, { status: 'stopped', result: { reason: 'test' } });
    expect(stopped).toMatchObject({
      status: 'stopped',
      result: { reason: 'test' },
      metrics_record: { loss: 0.5 },
    });
    expect((await client.getJob(job_id)).status).toBe('stopped');
    const lines = await collect(client.tailJobConsoleLogs(job_id));
    expect(lines).toContain('custom line');
    await expect(client.updateJob(job_id, { status: 'finished' as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('lists the jobs of the plugin as a page and with listAll', async () => {
    const page = await client.listJobs({ plugin: pluginId });
    expect(page.count).toBe(4);
    expect(page.results.every((job) => job.plugin === pluginId)).toBe(true);
    const all = await client.listJobs({ plugin: pluginId }, { listAll: true });
    expect(all.count).toBe(4);
    expect((await all.toArray()).map((job) => job.id)).toEqual(page.results.map((job) => job.id));
    const succeeded = await client.listJobs({ plugin: pluginId, status: 'succeeded' });
    expect(succeeded.count).toBe(2);
  });
});
