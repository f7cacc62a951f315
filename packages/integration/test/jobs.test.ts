import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { UpdateJobSchema } from '@synapse/core/internal';
import { useMockNetwork } from '@synapse/testing';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AbortError, IntegrationClient, PageIterator, ValidationError } from '../src/index.js';
import { AUTH, BASE, recordingClient, setup, streamingClient, TOKEN } from './helpers.js';

useMockNetwork();

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('IntegrationClient jobs', () => {
  it('getJob: GET jobs/{id}/ with params', async () => {
    const { api, client } = setup();
    api.on('GET', '/jobs/17/').reply(200, { id: 17, status: 'running', progress_record: {} });
    expect(await client.getJob(17, { expand: 'plugin' })).toEqual({
      id: 17,
      status: 'running',
      progress_record: {},
    });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/jobs/17/', query: { expand: 'plugin' }, body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('getJob works without params', async () => {
    const { api, client } = setup();
    api.on('GET', '/jobs/17/').reply(200, { id: 17 });
    expect(await client.getJob(17)).toEqual({ id: 17 });
    expect((await api.single()).search).toBe('');
  });

  it('listJobs: GET jobs/ returns the page as sent', async () => {
    const { api, client } = setup();
    const page = { count: 1, next: null, previous: null, results: [{ id: 17, status: 'pending' }] };
    api.on('GET', '/jobs/').reply(200, page);
    expect(await client.listJobs({ plugin: 4, status: 'pending' })).toEqual(page);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/jobs/', query: { plugin: '4', status: 'pending' } });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('listJobs listAll: every job across pages', async () => {
    const { api, client } = setup();
    api.on('GET', '/jobs/').reply(200, {
      count: 2,
      next: `${BASE}/jobs/?page=2&page_size=100`,
      previous: null,
      results: [{ id: 1 }],
    });
    api.on('GET', '/jobs/').reply(200, { count: 2, next: null, previous: null, results: [{ id: 2 }] });
    const all = await client.listJobs(undefined, { listAll: true });
    expect(all).toBeInstanceOf(PageIterator);
    expect(await all.toArray()).toEqual([{ id: 1 }, { id: 2 }]);
    const [first, second] = await api.all();
    expect(first).toMatchObject({ search: 'page_size=100' });
    expect(second).toMatchObject({ search: 'page=2&page_size=100' });
    expect(second?.headers).toMatchObject(AUTH);
  });

  it('UpdateJob turns {"status": "running"} into the plain string running (behavior 4)', () => {
    expect(v.parse(UpdateJobSchema, { status: 'running' })).toEqual({ status: 'running' });
  });

  it('updateJob: PATCH jobs/{id}/ with the UpdateJob fields only', async () => {
    const { api, client } = setup();
    api.on('PATCH', '/jobs/17/').reply(200, { id: 17, status: 'running' });
    const data = {
      status: 'running',
      progress_record: { percent: 50 },
      metrics_record: null,
      result: undefined,
      console_logs: [{ message: 'half way' }],
      progress: 50,
      metadata: { a: 1 },
    } as const;
    expect(await client.updateJob(17, data as never)).toEqual({ id: 17, status: 'running' });
    const req = await api.single();
    expect(req).toMatchObject({ method: 'PATCH', path: '/jobs/17/', search: '' });
    expect(req.json).toEqual({
      status: 'running',
      progress_record: { percent: 50 },
      console_logs: [{ message: 'half way' }],
    });
    expect(req.headers).toMatchObject({ ...AUTH, 'content-type': 'application/json' });
    expect(data).toHaveProperty('progress', 50);
  });

  it('updateJob with {"status": "running"} sends exactly that', async () => {
    const { api, client } = setup();
    api.on('PATCH', '/jobs/5/').reply(200, { id: 5, status: 'running' });
    await client.updateJob(5, { status: 'running' });
    expect((await api.single()).json).toEqual({ status: 'running' });
  });

  it('updateJob refuses an invalid status before sending', async () => {
    const { client, sent } = recordingClient();
    const error = await client.updateJob(5, { status: 'done' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe('data.status');
    expect(sent).toEqual([]);
  });

  it('listJobConsoleLogs: GET jobs/{id}/console_logs/', async () => {
    const { api, client } = setup();
    const logs = [{ time: '2026-01-01T00:00:00Z', level: 'info', message: 'started' }];
    api.on('GET', '/jobs/17/console_logs/').reply(200, logs);
    expect(await client.listJobConsoleLogs(17)).toEqual(logs);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/jobs/17/console_logs/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('tailJobConsoleLogs: GET jobs/{id}/tail_console_logs/ yields the non-empty lines', async () => {
    const { api, client } = setup();
    api.on('GET', '/jobs/17/tail_console_logs/').reply(200, 'queued\nstarted\n\nstep 1\r\ndone');
    expect(await collect(client.tailJobConsoleLogs(17))).toEqual(['queued', 'started', 'step 1', 'done']);
    const req = await api.single();
    expect(req).toMatchObject({ method: 'GET', path: '/jobs/17/tail_console_logs/', search: '', body: '' });
    expect(req.headers).toMatchObject(AUTH);
  });

  it('tailJobConsoleLogs reads lines split across chunks as they arrive and ends with the stream', async () => {
    async function* chunks() {
      yield 'Job 17 que';
      yield 'ued\nJob 17 started\nStep 1';
      yield '/3 done\n';
      yield '\nJob 17 succeeded\n';
    }
    const { client, requests } = streamingClient(chunks());
    expect(await collect(client.tailJobConsoleLogs(17))).toEqual([
      'Job 17 queued',
      'Job 17 started',
      'Step 1/3 done',
      'Job 17 succeeded',
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe(`${BASE}/jobs/17/tail_console_logs/`);
    expect(requests[0]?.headers.get('synapse-access-token')).toBe(AUTH['synapse-access-token']);
  });

  it('tailJobConsoleLogs stops with an AbortError when the signal fires, and releases the stream', async () => {
    let released = false;
    let waiting: (() => void) | undefined;
    async function* endless() {
      try {
        yield 'first\n';
        await new Promise<void>((resolve) => {
          waiting = resolve;
        });
      } finally {
        released = true;
      }
    }
    const { client } = streamingClient(endless());
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const line of client.tailJobConsoleLogs(17, { signal: controller.signal })) {
        seen.push(line);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    waiting?.();
    expect(seen).toEqual(['first']);
    expect(error).toBeInstanceOf(AbortError);
    await expect.poll(() => released).toBe(true);
  });

  it('tailJobConsoleLogs stops quietly on break', async () => {
    const { api, client } = setup();
    api.on('GET', '/jobs/3/tail_console_logs/').reply(200, 'a\nb\nc\n');
    const seen: string[] = [];
    for await (const line of client.tailJobConsoleLogs(3)) {
      seen.push(line);
      if (line === 'b') break;
    }
    expect(seen).toEqual(['a', 'b']);
  });

  it('tailJobConsoleLogs maps an error status to a ClientError', async () => {
    const { api, client } = setup();
    api.on('GET', '/jobs/404/tail_console_logs/').reply(404, { detail: 'Not found.' });
    await expect(collect(client.tailJobConsoleLogs(404))).rejects.toMatchObject({ status: 404 });
  });
});

describe('tailJobConsoleLogs on a real socket', () => {
  it('a consumer slower than the idle timeout gets every line: only the wait for the server counts', async () => {
    const sent = Array.from({ length: 6 }, (_, i) => `Job 17 step ${i + 1}`);
    const requests: IncomingMessage[] = [];
    const server = createServer((req, res) => {
      requests.push(req);
      res.writeHead(200, { 'content-type': 'text/plain' });
      let next = 0;
      const timer = setInterval(() => {
        res.write(`${sent[next]}\n`);
        next++;
        if (next === sent.length) {
          clearInterval(timer);
          res.end();
        }
      }, 50);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new IntegrationClient({
        baseUrl: `http://127.0.0.1:${port}`,
        apiToken: TOKEN,
        maxRetries: 0,
      });
      const seen: string[] = [];
      for await (const line of client.tailJobConsoleLogs(17, { idleTimeout: 0.2 })) {
        seen.push(line);
        await delay(300);
      }
      expect(seen).toEqual(sent);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ method: 'GET', url: '/jobs/17/tail_console_logs/' });
      expect(requests[0]?.headers).toMatchObject(AUTH);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
