import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Setup, setup, until } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup({ jobTiming: { pendingMs: 30, runningMs: 400 } });
});
afterAll(() => t.emulator.stop());

const waitForStatus = (id: number, status: string) =>
  until(async () => {
    const job = await t.call('GET', `jobs/${id}/`);
    return job.body.status === status ? job.body : undefined;
  });

describe('plugins and jobs', () => {
  it('creates, reads and updates plugins', async () => {
    const plugin = await t.call('POST', 'plugins/', {
      json: { code: 'my-plugin', name: 'Mine', config: { a: 1 } },
    });
    expect(plugin.status).toBe(201);
    expect(plugin.body).toMatchObject({ code: 'my-plugin', name: 'Mine', config: { a: 1 } });
    const updated = await t.call('PUT', `plugins/${plugin.body.id}/`, {
      json: { code: 'my-plugin', name: 'Renamed' },
    });
    expect(updated.body.name).toBe('Renamed');
    expect((await t.call('GET', `plugins/${plugin.body.id}/`)).body.name).toBe('Renamed');
    expect((await t.call('POST', 'plugins/', { json: {} })).status).toBe(400);
  });

  it('creates a plugin release from a multipart form and serves its file', async () => {
    const form = new FormData();
    form.append('plugin', '1');
    form.append('version', '2.0.0');
    form.append('config', JSON.stringify({ actions: { train: { entrypoint: 'main.py' } } }));
    form.append('file', new Blob([Buffer.from('zip bytes')]), 'plugin.zip');
    const release = await t.call('POST', 'plugin_releases/', { body: form });
    expect(release.status).toBe(201);
    expect(release.body).toMatchObject({ plugin: 1, version: '2.0.0', config: { actions: { train: {} } } });
    expect(await (await fetch(release.body.file)).text()).toBe('zip bytes');
    expect((await t.call('GET', `plugin_releases/${release.body.id}/`)).body.version).toBe('2.0.0');
    expect((await t.call('GET', 'plugin_releases/1/')).body.version).toBe('1.0.0');
  });

  it('runs a plugin: pending → running → succeeded, with console logs', async () => {
    const run = await t.call('POST', 'plugins/1/run/', { json: { action: 'train', params: { epochs: 1 } } });
    expect(run.status).toBe(200);
    expect(typeof run.body.job_id).toBe('number');
    const tail = fetch(`${t.emulator.backendUrl}/jobs/${run.body.job_id}/tail_console_logs/`, {
      headers: t.auth(),
    });
    const done = await waitForStatus(run.body.job_id, 'succeeded');
    expect(done).toMatchObject({ plugin: 1, action: 'train', result: { ok: true } });
    const response = await tail;
    expect(response.headers.get('content-type')).toContain('text/plain');
    const lines = (await response.text()).split('\n').filter(Boolean);
    expect(lines[0]).toContain('queued');
    expect(lines.at(-1)).toContain('succeeded');
    const logs = await t.call('GET', `jobs/${run.body.job_id}/console_logs/`);
    expect(logs.body.map((entry: { message: string }) => entry.message)).toEqual(lines);
  });

  it('a run with fail: true ends failed', async () => {
    const run = await t.call('POST', 'plugins/1/run/', { json: { action: 'train', params: { fail: true } } });
    const failed = await waitForStatus(run.body.job_id, 'failed');
    expect(failed.result.error).toContain('fail');
  });

  it('tail stays open while the job runs and ends when a PATCH finishes it', async () => {
    const run = await t.call('POST', 'plugins/1/run/', { json: { action: 'deploy' } });
    const id = run.body.job_id;
    await waitForStatus(id, 'running');
    const response = await fetch(`${t.emulator.backendUrl}/jobs/${id}/tail_console_logs/`, {
      headers: t.auth(),
    });
    const patched = await t.call('PATCH', `jobs/${id}/`, {
      json: {
        status: 'stopped',
        console_logs: [{ message: 'stopping by request' }],
        progress_record: { p: 1 },
      },
    });
    expect(patched.body).toMatchObject({ status: 'stopped', progress_record: { p: 1 } });
    const text = await response.text();
    expect(text.endsWith('stopping by request\n')).toBe(true);
  });

  it('PATCH validates the UpdateJob fields', async () => {
    const bad = await t.call('PATCH', 'jobs/1/', { json: { status: 'exploded' } });
    expect(bad.status).toBe(400);
    expect(bad.body.status).toEqual(['"exploded" is not a valid choice.']);
    expect((await t.call('PATCH', 'jobs/1/', { json: { metrics_record: [1] } })).status).toBe(400);
    const ok = await t.call('PATCH', 'jobs/1/', { json: { metrics_record: { loss: 0.1 }, result: [1, 2] } });
    expect(ok.body).toMatchObject({ metrics_record: { loss: 0.1 }, result: [1, 2] });
    expect((await t.call('PATCH', 'jobs/999/', { json: {} })).status).toBe(404);
  });

  it('lists jobs with filters', async () => {
    const all = await t.call('GET', 'jobs/?plugin=1');
    expect(all.body.count).toBeGreaterThanOrEqual(4);
    const failed = await t.call('GET', 'jobs/?status=failed');
    expect(failed.body.results.every((job: { status: string }) => job.status === 'failed')).toBe(true);
  });
});

describe('logs, serve applications, storages, agents', () => {
  it('creates logs from a list', async () => {
    const reply = await t.call('POST', 'logs/', { json: [{ message: 'a' }, { message: 'b' }] });
    expect(reply.status).toBe(201);
    expect(reply.body).toHaveLength(2);
    expect(t.emulator.stats().resources.logs).toBe(2);
  });

  it('creates and lists serve applications', async () => {
    const created = await t.call('POST', 'serve_applications/', { json: { name: 'app', job: 1 } });
    expect(created.status).toBe(201);
    const listed = await t.call('GET', 'serve_applications/?job=1');
    expect(listed.body.results[0]).toMatchObject({ name: 'app', job: 1 });
  });

  it('serves storages in the Storage model shape', async () => {
    const storage = await t.call('GET', 'storages/1/?with_configuration=True');
    expect(storage.body).toEqual({
      id: 1,
      name: 'Emulator storage',
      category: 'internal',
      provider: 'file_system',
      configuration: expect.any(Object),
      is_default: true,
    });
    const created = await t.call('POST', 'storages/', {
      json: { name: 'S3', category: 'external', provider: 'amazon_s3', configuration: { bucket: 'b' } },
    });
    expect(created.status).toBe(201);
    expect((await t.call('GET', 'storages/')).body.count).toBe(2);
    const bad = await t.call('POST', 'storages/', {
      json: { name: 'x', category: 'external', provider: 'dropbox' },
    });
    expect(bad.body.provider).toEqual(['"dropbox" is not a valid choice.']);
  });

  it('connects the agent token', async () => {
    const ok = await t.call('POST', `agents/${t.emulator.tokens.agentToken}/connect/`);
    expect(ok.body.status).toBe('connected');
    expect((await t.call('POST', 'agents/unknown/connect/')).status).toBe(404);
  });
});
