import { request as httpRequest } from 'node:http';
import { useEmulator } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgentClient, type TailProtocol } from '../src/index.js';
import { collect, failure } from './helpers.js';

const emu = useEmulator();
let client: AgentClient;
beforeAll(() => {
  client = emu.agentClient(AgentClient, { maxRetries: 0 });
});

/**
 * Scripts a job on the emulator's agent. Each on a connection of its own: a pooled keep-alive connection left
 * idle through a long test may be closed by the server just as it is reused (ECONNRESET on a loaded machine).
 */
async function scripted(body: Record<string, unknown>): Promise<string> {
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(
      `${emu.emulator.agentUrl}/__emulator/jobs`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
  expect(status).toBe(201);
  return (JSON.parse(text) as { submission_id: string }).submission_id;
}

const PROTOCOLS: TailProtocol[] = ['stream', 'websocket'];

describe('AgentClient against the emulator', () => {
  it('health, metrics, code server', async () => {
    expect(await client.healthCheck()).toMatchObject({ status: 'healthy' });
    expect(await client.getMetrics('cpu')).toMatchObject({ panel: 'cpu' });
    expect(await client.getCodeServerInfo('/tmp/ws')).toMatchObject({ workspace: '/tmp/ws' });
  });

  it('a wrong token is a 401', async () => {
    const other = emu.agentClient(AgentClient, { agentToken: 'wrong', maxRetries: 0 });
    await expect(other.healthCheck()).rejects.toMatchObject({ status: 401 });
  });

  it('plugin release, run, job, logs, tail to the end', async () => {
    const release = await client.createPluginRelease({ plugin: 'yolo', version: '1.0.0' });
    expect(release).toMatchObject({ code: 'yolo@1.0.0' });
    const run = await client.runPluginRelease('yolo@1.0.0', { action: 'train', params: { epochs: 1 } });
    const id = run.submission_id as string;
    expect(id).toMatch(/^raysubmit_/);
    const lines = await collect(client.tailJobLogs(id));
    expect(lines.length).toBeGreaterThan(0);
    expect(await client.getJob(id)).toMatchObject({ submission_id: id, status: 'SUCCEEDED' });
    expect((await client.listJobs()).some((job) => job.submission_id === id)).toBe(true);
    expect(await client.listJobLogs(id)).toEqual({ logs: `${lines.join('\n')}\n` });
    expect(await client.stopJob(id)).toEqual({ stopped: false });
    const debug = await client.runDebugPluginRelease({ plugin_path: '/p', action: 'run' });
    expect(debug.submission_id).toMatch(/^raysubmit_/);
  });

  it('nodes, tasks and serve applications', async () => {
    const nodes = await client.listNodes();
    expect(nodes.length).toBeGreaterThan(0);
    expect(await client.getNode(nodes[0]?.node_id as string)).toMatchObject({ node_id: nodes[0]?.node_id });
    const tasks = await client.listTasks();
    expect(await client.getTask(tasks[0]?.task_id as string)).toMatchObject({ task_id: tasks[0]?.task_id });
    const apps = await client.listServeApplications();
    expect(apps.map((app) => app.name)).toContain('demo_app');
    const app = await client.getServeApplication('demo_app');
    expect(Array.isArray(app.deployments)).toBe(true);
    expect(await client.deleteServeApplication('demo_app')).toBe('');
    await expect(client.getServeApplication('demo_app')).rejects.toMatchObject({ status: 404 });
  });

  for (const protocol of PROTOCOLS) {
    describe(`${protocol} tail`, () => {
      it('follows a job to its end', async () => {
        const id = await scripted({
          lines: ['first', 'second'],
          repeat: { count: 5, line: 'n{n}' },
          intervalMs: 2,
        });
        expect(await collect(client.tailJobLogs(id, { protocol }))).toEqual([
          'first',
          'second',
          'n1',
          'n2',
          'n3',
          'n4',
          'n5',
        ]);
      });

      it('60,000 lines → 429 Line limit exceeded', async () => {
        const id = await scripted({ repeat: { count: 60_000, line: 'line {n}' } });
        const seen: string[] = [];
        // The limit is under test, not the timeouts: a loaded machine may stall the loop for seconds.
        const patient = emu.agentClient(AgentClient, { maxRetries: 0, timeout: { connect: 30, read: 60 } });
        const error = await failure(patient.tailJobLogs(id, { protocol, streamTimeout: 60 }), seen);
        expect({ status: error.status, message: error.message }).toEqual({
          status: 429,
          message: expect.stringContaining('Line limit exceeded'),
        });
        expect(seen).toHaveLength(50_000);
        expect(seen.at(-1)).toBe('line 50000');
      });

      it('a 20,000-character line is dropped', async () => {
        const id = await scripted({ lines: ['before'], repeat: { count: 1, length: 20_000 } });
        expect(await collect(client.tailJobLogs(id, { protocol }))).toEqual(['before']);
      });

      it('sixty 1 MiB lines → 429 Size limit exceeded', async () => {
        const id = await scripted({ repeat: { count: 60, length: 1024 * 1024 } });
        const error = await failure(client.tailJobLogs(id, { protocol }));
        expect(error.status).toBe(429);
        expect(error.message).toContain('Size limit exceeded');
      });

      it('a dropped stream → ClientError after the lines sent', async () => {
        const id = await scripted({ repeat: { count: 100, line: 'l{n}' }, dropAfterLines: 10 });
        const seen: string[] = [];
        const error = await failure(client.tailJobLogs(id, { protocol }), seen);
        expect(error.status).toBe(503);
        expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `l${i + 1}`));
      });

      it('an unknown job → 404', async () => {
        const error = await failure(client.tailJobLogs('no-such-job', { protocol }));
        expect(error.status).toBe(404);
      });
    });
  }
});
