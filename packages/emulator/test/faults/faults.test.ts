import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Setup, setup } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup({ faults: [{ path: '/projects/*', method: 'DELETE', status: 500 }] });
});
afterEach(() => t.emulator.faults.clear());
afterAll(() => t.emulator.stop());

const status = async (path: string) => (await t.call('GET', path)).status;

describe('faults (runtime API)', () => {
  it('starts with the rules given as options', async () => {
    expect(t.emulator.faults.list()).toEqual([
      { id: 'fault-1', path: '/projects/*', method: 'DELETE', status: 500, hits: 0 },
    ]);
    expect((await t.call('DELETE', 'projects/1/')).status).toBe(500);
  });

  it('returns a status for the next N matching requests only', async () => {
    const id = t.emulator.faults.add({
      service: 'backend',
      method: 'get',
      path: '/projects/*',
      status: 503,
      times: 2,
    });
    expect(id).toMatch(/^fault-/);
    const reply = await t.call('GET', 'projects/1/');
    expect(reply).toMatchObject({ status: 503, body: { detail: 'Injected fault (status 503)' } });
    expect(await status('projects/1/')).toBe(503);
    expect(await status('projects/1/')).toBe(200);
    expect(t.emulator.faults.list()).toEqual([]);
  });

  it('matches a RegExp path and only the given method', async () => {
    t.emulator.faults.add({ path: /^\/tasks\/\d+\/$/, method: 'GET', status: 502 });
    expect(await status('tasks/1/')).toBe(502);
    expect(await status('sdk/tasks/')).toBe(200);
    expect((await t.call('PUT', 'tasks/1/annotate_task_data/', { json: {} })).status).toBe(200);
  });

  it('sends 429 with Retry-After', async () => {
    t.emulator.faults.add({ path: '/sdk/tasks/', status: 429, retryAfter: 2, times: 1 });
    const reply = await t.call('GET', 'sdk/tasks/');
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('2');
  });

  it('fires for a fraction of requests, repeatably with a seed', async () => {
    const run = async () => {
      t.emulator.faults.clear();
      t.emulator.faults.add({ path: '/projects/1/', status: 500, rate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push(await status('projects/1/'));
      return statuses;
    };
    const first = await run();
    const failures = first.filter((code) => code === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
    expect(await run()).toEqual(first);
  });

  it('adds latency and then answers normally', async () => {
    t.emulator.faults.add({ path: '/projects/1/', latencyMs: 200, times: 1 });
    const started = performance.now();
    expect(await status('projects/1/')).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('drops the request: the client sees a network error and nothing is written', async () => {
    t.emulator.faults.add({ path: '/tasks/', method: 'POST', drop: 'request', times: 1 });
    await expect(t.call('POST', 'tasks/', { json: { project: 1 } })).rejects.toThrow();
    expect(t.emulator.stats().resources.tasks).toBe(3);
    expect((await t.call('POST', 'tasks/', { json: { project: 1 } })).status).toBe(201);
  });

  it('drops the response mid-body: the write happened, the client sees a network error', async () => {
    t.emulator.faults.add({ path: '/tasks/', method: 'POST', drop: 'response', times: 1 });
    const before = t.emulator.stats().resources.tasks ?? 0;
    await expect(t.call('POST', 'tasks/', { json: { project: 1 } })).rejects.toThrow();
    expect(t.emulator.stats().resources.tasks).toBe(before + 1);
  });

  it('drops a response with an injected status', async () => {
    t.emulator.faults.add({ path: '/projects/1/', drop: 'response', status: 500, times: 1 });
    await expect(t.call('GET', 'projects/1/')).rejects.toThrow();
    expect(await status('projects/1/')).toBe(200);
  });

  it('rejects invalid rules', () => {
    expect(() => t.emulator.faults.add({ path: '/x', status: 42 })).toThrow(TypeError);
    expect(() => t.emulator.faults.add({ path: '/x' })).toThrow(TypeError);
    expect(() => t.emulator.faults.add({ path: '/x', status: 500, rate: 2 })).toThrow(TypeError);
  });

  it('removes a rule by id', async () => {
    const id = t.emulator.faults.add({ path: '/projects/1/', status: 500 });
    expect(t.emulator.faults.remove(id)).toBe(true);
    expect(t.emulator.faults.remove(id)).toBe(false);
    expect(await status('projects/1/')).toBe(200);
  });

  it('applies to the agent and Ray services too', async () => {
    t.emulator.faults.add({ service: 'agent', path: '*', status: 418 });
    t.emulator.faults.add({ service: 'ray', path: '*', status: 503 });
    expect((await fetch(`${t.emulator.agentUrl}/anything/`)).status).toBe(418);
    expect((await fetch(`${t.emulator.rayUrl}/api/jobs/`)).status).toBe(503);
    expect(await status('projects/1/')).toBe(200);
  });
});

describe('faults (HTTP control API)', () => {
  const control = (method: string, path = '', body?: unknown) =>
    fetch(`${t.emulator.backendUrl}/__emulator/faults${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('adds, lists and removes rules without auth', async () => {
    const added = await control('POST', '', { path: '/projects/*', status: 500, times: 3 });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };
    const listed = (await (await control('GET')).json()) as Array<{
      id: string;
      times: number;
      path: string;
    }>;
    expect(listed).toEqual([
      expect.objectContaining({ id, path: '/projects/*', status: 500, times: 3, hits: 0 }),
    ]);
    expect(await status('projects/1/')).toBe(500);
    expect((await control('DELETE', `/${id}`)).status).toBe(204);
    expect((await control('DELETE', `/${id}`)).status).toBe(404);
    expect(await status('projects/1/')).toBe(200);
  });

  it('accepts pathRegex and clears all rules', async () => {
    expect((await control('POST', '', { pathRegex: '^/projects/\\d+/$', status: 504 })).status).toBe(201);
    expect(await status('projects/1/')).toBe(504);
    expect((await control('DELETE')).status).toBe(204);
    expect(await status('projects/1/')).toBe(200);
  });

  it('400 for an invalid rule', async () => {
    const reply = await control('POST', '', { path: '/x', status: 'boom' });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { detail: string }).detail).toContain('status');
  });
});
