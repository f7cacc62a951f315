import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentService } from '../../src/agent/index.js';
import { AGENT_TOKEN, type Served, serveService, testContext, waitFor } from '../ray/harness.js';

let served: Served;
const auth = { Authorization: AGENT_TOKEN };

beforeAll(async () => {
  const context = testContext();
  served = await serveService(createAgentService(context), context);
});
afterAll(() => served.close());

function get(path: string, headers: Record<string, string> = auth): Promise<Response> {
  return fetch(`${served.url}/${path}`, { headers });
}

function post(path: string, body?: unknown): Promise<Response> {
  return fetch(`${served.url}/${path}`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('agent auth', () => {
  it('requires the raw agent token in Authorization', async () => {
    const missing = await get('health/', {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const prefixed = await get('health/', { Authorization: `Token ${AGENT_TOKEN}` });
    expect([prefixed.status, await prefixed.json()]).toEqual([401, { detail: 'Invalid token.' }]);
    // Agent-Token is only for the log streams.
    expect((await get('health/', { 'Agent-Token': `Token ${AGENT_TOKEN}` })).status).toBe(401);
    expect((await get('health/')).status).toBe(200);
  });
});

describe('agent core routes', () => {
  it('serves health, metrics and code-server info', async () => {
    expect(await json(await get('health/'))).toMatchObject({ status: 'healthy' });
    const metrics = await json<{ panel: string; data: unknown[] }>(await get('metrics/cpu/'));
    expect(metrics.panel).toBe('cpu');
    expect(metrics.data.length).toBeGreaterThan(0);
    const info = await json(await get('code-server/info/?workspace=%2Fsrc%2Fdemo'));
    expect(info).toMatchObject({ workspace: '/src/demo', status: 'running' });
    expect(String(info.url)).toContain('folder=%2Fsrc%2Fdemo');
    expect((await json(await get('code-server/info/'))).workspace).toBe('/home/synapse/workspace');
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await get('nothing/here/');
    expect([response.status, await response.json()]).toEqual([404, { detail: 'Not found.' }]);
  });
});

describe('agent plugin releases and jobs', () => {
  it('creates a plugin release', async () => {
    const response = await post('plugin_releases/', { plugin: 'demo', version: '1.2.0', config: { a: 1 } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      plugin: 'demo',
      version: '1.2.0',
      code: 'demo@1.2.0',
      config: { a: 1 },
    });
    expect((await post('plugin_releases/', [1])).status).toBe(400);
  });

  it('runs a plugin release as a job that succeeds, with logs', async () => {
    const response = await post('plugin_releases/demo@1.2.0/run/', {
      action: 'train',
      params: { epochs: 1 },
    });
    expect(response.status).toBe(200);
    const { job_id } = await json<{ job_id: string }>(response);
    expect(job_id).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
    const job = await waitFor(async () => {
      const body = await json(await get(`jobs/${job_id}/`));
      return body.status === 'SUCCEEDED' ? body : undefined;
    });
    expect(job).toMatchObject({ submission_id: job_id, type: 'SUBMISSION', driver_exit_code: 0 });
    expect(String(job.entrypoint)).toContain('demo@1.2.0');
    const logs = await json<{ logs: string }>(await get(`jobs/${job_id}/logs/`));
    expect(logs.logs.split('\n').length).toBeGreaterThan(2);
    const list = await json<Array<{ submission_id: string }>>(await get('jobs/'));
    expect(list.some((item) => item.submission_id === job_id)).toBe(true);
  });

  it('runs a debug release; params mentioning fail make the job fail', async () => {
    const { job_id } = await json<{ job_id: string }>(
      await post('plugin_releases/run_debug/', { action: 'test', params: { mode: 'fail' } }),
    );
    const job = await waitFor(async () => {
      const body = await json(await get(`jobs/${job_id}/`));
      return body.status === 'FAILED' ? body : undefined;
    });
    expect(job.driver_exit_code).toBe(1);
  });

  it('stops a job and 404s unknown jobs', async () => {
    const { job_id } = await json<{ job_id: string }>(
      await post('plugin_releases/x/run/', { params: { a: 'sleep' } }),
    );
    expect(await json(await post(`jobs/${job_id}/stop/`))).toEqual({ stopped: true });
    expect((await json(await get(`jobs/${job_id}/`))).status).toBe('STOPPED');
    expect(await json(await post(`jobs/${job_id}/stop/`))).toEqual({ stopped: false });
    for (const path of ['jobs/missing/', 'jobs/missing/logs/']) {
      const response = await get(path);
      expect([response.status, await response.json()]).toEqual([404, { detail: 'Not found.' }]);
    }
    expect((await post('jobs/missing/stop/')).status).toBe(404);
    expect((await post('jobs/01000000/stop/')).status).toBe(400);
  });
});

describe('agent cluster routes', () => {
  it('lists and gets nodes and tasks', async () => {
    const nodes = await json<Array<{ node_id: string; is_head_node: boolean }>>(await get('nodes/'));
    expect(nodes).toHaveLength(2);
    const head = nodes.find((node) => node.is_head_node);
    expect(head).toBeDefined();
    expect(await json(await get(`nodes/${head?.node_id}/`))).toMatchObject({
      node_id: head?.node_id,
      state: 'ALIVE',
    });
    expect((await get('nodes/unknown/')).status).toBe(404);
    const tasks = await json<Array<{ task_id: string }>>(await get('tasks/'));
    expect(tasks.length).toBeGreaterThan(2);
    const first = tasks[0]?.task_id ?? '';
    expect((await json(await get(`tasks/${first}/`))).task_id).toBe(first);
    expect((await get('tasks/unknown/')).status).toBe(404);
  });

  it('lists, gets and deletes serve applications', async () => {
    const apps = await json<Array<{ name: string; deployments: Array<{ name: string }> }>>(
      await get('serve_applications/'),
    );
    expect(apps.map((app) => app.name)).toEqual(['demo_app']);
    expect(apps[0]?.deployments.map((d) => d.name)).toEqual(['Ingress', 'DemoModel']);
    expect((await json(await get('serve_applications/demo_app/'))).status).toBe('RUNNING');
    expect((await get('serve_applications/other/')).status).toBe(404);
    const deleted = await fetch(`${served.url}/serve_applications/demo_app/`, {
      method: 'DELETE',
      headers: auth,
    });
    expect([deleted.status, await deleted.text()]).toEqual([204, '']);
    expect(await json(await get('serve_applications/'))).toEqual([]);
    expect(
      (await fetch(`${served.url}/serve_applications/demo_app/`, { method: 'DELETE', headers: auth })).status,
    ).toBe(404);
  });
});
