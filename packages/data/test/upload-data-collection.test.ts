import { useMockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  type CollectionProgress,
  ServerError,
  type UploadItemResult,
} from '../src/index.js';
import { AUTH, setup, useFixtures } from './helpers.js';

useMockNetwork();
const fixtures = useFixtures();
let paths: string[];
beforeAll(async () => {
  paths = await Promise.all(
    ['a.txt', 'b.txt', 'c.txt'].map((name) => fixtures.file(name, `content ${name}`)),
  );
});

const records = () => paths.map((path, n) => ({ files: { image_1: path }, meta: { n } }));

describe('uploadDataCollection', () => {
  it('uploads files, creates data units in batches and one task per unit', async () => {
    const { api, client } = setup();
    for (const n of [1, 2, 3]) api.on('POST', '/data_files/').reply(201, { id: n, checksum: `sum-${n}` });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 12 }]);
    api.on('POST', '/tasks/').reply(201, [
      { id: 21, project: 4, data_unit: 11 },
      { id: 22, project: 4, data_unit: 12 },
    ]);
    api.on('POST', '/data_units/').reply(201, [{ id: 13 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 23, project: 4, data_unit: 13 }]);
    const input = records();
    const snapshot = structuredClone(input);
    const progress: CollectionProgress[] = [];
    const result = await client.uploadDataCollection(7, input, 4, {
      batchSize: 2,
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    });

    expect(result.created).toBe(3);
    expect(result.failed).toBe(0);
    expect(result.items.map((item) => [item.index, item.status, item.dataUnit?.id, item.task?.id])).toEqual([
      [0, 'created', 11, 21],
      [1, 'created', 12, 22],
      [2, 'created', 13, 23],
    ]);
    expect(result.items[0]?.record).toEqual({
      files: { image_1: { checksum: 'sum-1', path: paths[0] } },
      meta: { n: 0 },
      data_collection: 7,
    });
    expect(input).toEqual(snapshot);

    const requests = await api.all();
    // Batches are created while later files upload: the order across paths is the pipeline's, within a path fixed.
    const sent = (path: string) => requests.filter((r) => r.path === path);
    expect(requests.map((r) => r.method)).toEqual(Array(7).fill('POST'));
    for (const req of requests) expect(req.headers).toMatchObject(AUTH);
    expect(sent('/data_files/').map((r) => r.parts?.[0]?.filename)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(sent('/data_units/').map((r) => r.json)).toEqual([
      [
        { files: { image_1: { checksum: 'sum-1', path: paths[0] } }, meta: { n: 0 }, data_collection: 7 },
        { files: { image_1: { checksum: 'sum-2', path: paths[1] } }, meta: { n: 1 }, data_collection: 7 },
      ],
      [{ files: { image_1: { checksum: 'sum-3', path: paths[2] } }, meta: { n: 2 }, data_collection: 7 }],
    ]);
    expect(sent('/tasks/').map((r) => r.json)).toEqual([
      [
        { project: 4, data_unit: 11 },
        { project: 4, data_unit: 12 },
      ],
      [{ project: 4, data_unit: 13 }],
    ]);
    const order = requests.map((r) => r.path);
    expect(order.indexOf('/data_units/')).toBeGreaterThan(order.indexOf('/data_files/', 1));
    expect(order.indexOf('/tasks/')).toBeGreaterThan(order.indexOf('/data_units/'));
    expect(order.lastIndexOf('/data_units/')).toBeGreaterThan(order.lastIndexOf('/data_files/'));

    const bytes = 'content a.txt'.length * 3;
    expect(progress[0]).toEqual({ done: 0, failed: 0, skipped: 0, bytes: 0, rate: 0, total: 3 });
    expect(progress.at(-1)).toEqual({
      done: 3,
      failed: 0,
      skipped: 0,
      bytes,
      rate: expect.any(Number),
      total: 3,
    });
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
    // The start, one per file's bytes (a multipart upload reports its bytes once sent), one per record.
    expect(progress).toHaveLength(7);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    for (const p of progress) expect(p.rate).toBeGreaterThanOrEqual(0);
  });

  it('without a project id creates no tasks', async () => {
    const { api, client } = setup();
    for (const n of [1, 2, 3]) api.on('POST', '/data_files/').reply(201, { id: n, checksum: `sum-${n}` });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 12 }, { id: 13 }]);
    const result = await client.uploadDataCollection(7, records());
    expect(result).toMatchObject({ created: 3, failed: 0 });
    expect(result.items.every((item) => item.task === undefined)).toBe(true);
    const requests = await api.all();
    expect(requests.filter((r) => r.path === '/tasks/')).toEqual([]);
    const units = requests.find((r) => r.path === '/data_units/');
    expect(
      ((units?.json ?? []) as { files: { image_1: { path: string } } }[])
        .map((u) => u.files.image_1.path)
        .sort(),
    ).toEqual([...paths].sort());
  });

  it('reports a failed upload and still creates the other units and tasks', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    api.on('POST', '/data_files/').reply(400, { file: ['This file is broken.'] });
    api.on('POST', '/data_files/').reply(201, { id: 3, checksum: 'sum-3' });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 13 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 21 }, { id: 23 }]);
    const result = await client.uploadDataCollection(7, records(), 4, { concurrency: 1 });
    expect(result).toMatchObject({ created: 2, failed: 1 });
    const [first, second, third] = result.items;
    expect(first).toMatchObject({ status: 'created', dataUnit: { id: 11 }, task: { id: 21 } });
    expect(second).toMatchObject({ index: 1, status: 'failed', stage: 'upload' });
    expect(second?.error).toBeInstanceOf(BadRequestError);
    expect(second?.dataUnit).toBeUndefined();
    expect(third).toMatchObject({ status: 'created', dataUnit: { id: 13 }, task: { id: 23 } });
    const requests = await api.all();
    expect(((requests[3]?.json ?? []) as { files: unknown }[]).map((u) => u.files)).toEqual([
      { image_1: { checksum: 'sum-1', path: paths[0] } },
      { image_1: { checksum: 'sum-3', path: paths[2] } },
    ]);
    expect(requests[4]?.json).toEqual([
      { project: 4, data_unit: 11 },
      { project: 4, data_unit: 13 },
    ]);
  });

  it('a missing file fails its record only', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    const input = [
      { files: { image_1: `${fixtures.dir}/missing.png` } },
      { files: { image_1: paths[0] as string } },
    ];
    const result = await client.uploadDataCollection(7, input, undefined, { concurrency: 1 });
    expect(result).toMatchObject({ created: 1, failed: 1 });
    expect(result.items[0]).toMatchObject({ status: 'failed', stage: 'upload' });
    expect(result.items[0]?.error?.name).toBe('ValidationError');
    expect(result.items[1]).toMatchObject({ status: 'created', dataUnit: { id: 11 } });
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/', '/data_units/']);
  });

  it('a failed data unit batch fails its records; the next batch goes on', async () => {
    const { api, client } = setup();
    for (const n of [1, 2, 3]) api.on('POST', '/data_files/').reply(201, { id: n, checksum: `sum-${n}` });
    api.on('POST', '/data_units/').reply(500, { detail: 'boom' });
    api.on('POST', '/data_units/').reply(201, [{ id: 13 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 23 }]);
    const result = await client.uploadDataCollection(7, records(), 4, { batchSize: 2, concurrency: 1 });
    expect(result).toMatchObject({ created: 1, failed: 2 });
    for (const item of result.items.slice(0, 2)) {
      expect(item).toMatchObject({ status: 'failed', stage: 'data_unit' });
      expect(item.error).toBeInstanceOf(ServerError);
      expect(item.record?.data_collection).toBe(7);
    }
    expect(result.items[2]).toMatchObject({ status: 'created', dataUnit: { id: 13 }, task: { id: 23 } });
    const tasks = (await api.all()).filter((r) => r.path === '/tasks/');
    expect(tasks.map((r) => r.json)).toEqual([[{ project: 4, data_unit: 13 }]]);
  });

  it('a failed task keeps the data unit in the report', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    api.on('POST', '/tasks/').reply(400, { project: ['Invalid pk "4" - object does not exist.'] });
    const result = await client.uploadDataCollection(7, [{ files: { image_1: paths[0] as string } }], 4);
    expect(result).toMatchObject({ created: 0, failed: 1 });
    expect(result.items[0]).toMatchObject({ status: 'failed', stage: 'task', dataUnit: { id: 11 } });
    expect(result.items[0]?.error).toBeInstanceOf(BadRequestError);
  });

  it('an aborted run rejects with an AbortError and reports the records it held', async () => {
    const { api, client } = setup();
    const controller = new AbortController();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    const items: UploadItemResult[] = [];
    const run = client.uploadDataCollection(7, records(), 4, {
      concurrency: 1,
      signal: controller.signal,
      onItem: (item) => items.push(item),
      onProgress: (p) => {
        if (p.bytes > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ index: 0, status: 'failed', stage: 'data_unit' });
    expect(items[0]?.error?.name).toBe('AbortError');
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/']);
  });
});
