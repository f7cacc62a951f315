import { useMockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  type CollectionProgress,
  ResponseValidationError,
  type UploadItemResult,
} from '../src/index.js';
import { AUTH, BASE, setup, useFixtures } from './helpers.js';

useMockNetwork();
const fixtures = useFixtures();
let paths: string[];
beforeAll(async () => {
  paths = await Promise.all(['a.txt', 'b.txt'].map((name) => fixtures.file(name, `content ${name}`)));
});

const records = () => paths.map((path, n) => ({ files: { image_1: path }, meta: { n } }));

function uploads(api: ReturnType<typeof setup>['api']) {
  api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
  api.on('POST', '/data_files/').reply(201, { id: 2, checksum: 'sum-2' });
}

describe('uploadDataCollection: short or broken replies', () => {
  it('a record the server returned no data unit for fails at data_unit and gets no task', async () => {
    const { api, client } = setup();
    uploads(api);
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 21, project: 4, data_unit: 11 }]);
    const result = await client.uploadDataCollection(7, records(), 4, { concurrency: 1 });
    expect(result).toMatchObject({ created: 1, failed: 1 });
    expect(result.items[0]).toMatchObject({ status: 'created', dataUnit: { id: 11 }, task: { id: 21 } });
    expect(result.items[1]).toMatchObject({ index: 1, status: 'failed', stage: 'data_unit' });
    expect(result.items[1]?.error?.message).toBe('The server returned no data unit for this record');
    expect(result.items[1]?.task).toBeUndefined();
    const requests = await api.all();
    const tasks = requests.filter((r) => r.path === '/tasks/');
    expect(tasks.map((r) => r.json)).toEqual([[{ project: 4, data_unit: 11 }]]);
    expect(tasks[0]?.headers).toMatchObject(AUTH);
  });

  it('a data unit the server returned no task for fails at task and keeps its data unit', async () => {
    const { api, client } = setup();
    uploads(api);
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 12 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 21 }]);
    const result = await client.uploadDataCollection(7, records(), 4, { concurrency: 1 });
    expect(result).toMatchObject({ created: 1, failed: 1 });
    expect(result.items[0]).toMatchObject({ status: 'created', task: { id: 21 } });
    expect(result.items[1]).toMatchObject({ status: 'failed', stage: 'task', dataUnit: { id: 12 } });
    expect(result.items[1]?.error?.message).toBe('The server returned no task for this data unit');
    const tasks = (await api.all()).filter((r) => r.path === '/tasks/');
    expect(tasks.map((r) => r.json)).toEqual([
      [
        { project: 4, data_unit: 11 },
        { project: 4, data_unit: 12 },
      ],
    ]);
  });

  it('a task reply that breaks the task schema fails every record of the batch at task', async () => {
    const { api, client } = setup();
    uploads(api);
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 12 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 'task-21' }, { id: 22 }]);
    const result = await client.uploadDataCollection(7, records(), 4, { concurrency: 1 });
    expect(result).toMatchObject({ created: 0, failed: 2 });
    for (const item of result.items) {
      expect(item).toMatchObject({ status: 'failed', stage: 'task' });
      expect(item.error).toBeInstanceOf(ResponseValidationError);
      expect(item.error).toMatchObject({ method: 'POST', url: `${BASE}/tasks/` });
      expect(item.error?.message).toContain(`POST ${BASE}/tasks/`);
    }
  });
});

describe('uploadDataCollection: batches, project and options', () => {
  it('an empty collection sends nothing and reports nothing but the start', async () => {
    const { api, client } = setup();
    const progress: CollectionProgress[] = [];
    const result = await client.uploadDataCollection(7, [], 4, { onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ items: [], created: 0, failed: 0, skipped: 0 });
    expect(progress).toEqual([{ done: 0, failed: 0, skipped: 0, bytes: 0, rate: 0, total: 0 }]);
    expect(api.requests).toEqual([]);
  });

  it('records that fill their batches exactly make one request per batch', async () => {
    const { api, client } = setup();
    uploads(api);
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 12 }]);
    const progress: CollectionProgress[] = [];
    const result = await client.uploadDataCollection(7, records(), undefined, {
      batchSize: 2,
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ created: 2, failed: 0 });
    const bytes = 'content a.txt'.length;
    expect(progress).toEqual([
      { done: 0, failed: 0, skipped: 0, bytes: 0, rate: 0, total: 2 },
      { done: 0, failed: 0, skipped: 0, bytes, rate: expect.any(Number), total: 2 },
      { done: 0, failed: 0, skipped: 0, bytes: 2 * bytes, rate: expect.any(Number), total: 2 },
      { done: 1, failed: 0, skipped: 0, bytes: 2 * bytes, rate: expect.any(Number), total: 2 },
      { done: 2, failed: 0, skipped: 0, bytes: 2 * bytes, rate: expect.any(Number), total: 2 },
    ]);
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/', '/data_files/', '/data_units/']);
  });

  it('a null project id creates no tasks', async () => {
    const { api, client } = setup();
    uploads(api);
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 12 }]);
    const result = await client.uploadDataCollection(7, records(), null as never, { concurrency: 1 });
    expect(result).toMatchObject({ created: 2, failed: 0 });
    expect(result.items.map((item) => item.task)).toEqual([undefined, undefined]);
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/', '/data_files/', '/data_units/']);
  });

  it('sends the call’s headers with every request and uploads in chunks when asked', async () => {
    const { api, client } = setup();
    const trace = { 'x-request-id': 'bulk-1' };
    // Each file holds 13 bytes: two chunks of at most 10.
    for (const n of [0, 1]) {
      const url = `${BASE}/chunked_upload/u-${n}/`;
      api.on('PUT', '/chunked_upload/').reply(200, { id: `u-${n}`, url, offset: 10 });
      api.on('PUT', `/chunked_upload/u-${n}/`).reply(200, { id: `u-${n}`, url, offset: 13 });
      api.on('POST', `/chunked_upload/u-${n}/`).reply(200, { id: `u-${n}` });
      api.on('POST', '/data_files/').reply(201, { id: n, checksum: `sum-${n}` });
    }
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 12 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 21 }, { id: 22 }]);
    const result = await client.uploadDataCollection(7, records(), 4, {
      concurrency: 1,
      useChunkedUpload: true,
      chunkSize: 10,
      headers: trace,
    });
    expect(result).toMatchObject({ created: 2, failed: 0 });
    const requests = await api.all();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /chunked_upload/',
      'PUT /chunked_upload/u-0/',
      'POST /chunked_upload/u-0/',
      'POST /data_files/',
      'PUT /chunked_upload/',
      'PUT /chunked_upload/u-1/',
      'POST /chunked_upload/u-1/',
      'POST /data_files/',
      'POST /data_units/',
      'POST /tasks/',
    ]);
    for (const req of requests) expect(req.headers).toMatchObject({ ...AUTH, ...trace });
    expect(requests[3]?.json).toEqual({ chunked_upload: 'u-0', meta: { filename: 'a.txt' } });
    expect(requests[0]?.headers['content-range']).toBe('bytes 0-9/13');
  });

  it('stops at once when aborted: an AbortError with the reason as its cause, and as the cause of each failure', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    const controller = new AbortController();
    const reason = new Error('stopped by the user');
    const items: UploadItemResult[] = [];
    const error = await client
      .uploadDataCollection(7, records(), 4, {
        concurrency: 1,
        signal: controller.signal,
        onItem: (item) => items.push(item),
        onProgress: (p) => {
          if (p.bytes > 0) controller.abort(reason);
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'The upload of the data collection was aborted', cause: reason });
    expect(items.map((item) => item.stage)).toEqual(['data_unit']);
    for (const item of items) {
      expect(item.error?.name).toBe('AbortError');
      expect(item.error?.message).toBe('The upload of the data collection was aborted');
      expect(item.error?.cause).toBe(reason);
    }
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/']);
  });
});
