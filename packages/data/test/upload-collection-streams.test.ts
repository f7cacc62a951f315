import { useMockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectionProgress, UploadItemResult, UploadRecord } from '../src/index.js';
import { AUTH, setup, useFixtures } from './helpers.js';

useMockNetwork();
const fixtures = useFixtures();
let paths: string[];
beforeAll(async () => {
  paths = await Promise.all(
    ['a.txt', 'b.txt', 'c.txt'].map((name) => fixtures.file(name, `content ${name}`)),
  );
});

const record = (n: number): UploadRecord => ({ files: { image_1: paths[n] as string }, meta: { n } });

function* syncRecords(): Generator<UploadRecord> {
  for (const n of [0, 1, 2]) yield record(n);
}

async function* asyncRecords(): AsyncGenerator<UploadRecord> {
  for (const n of [0, 1, 2]) {
    await new Promise((resolve) => setImmediate(resolve));
    yield record(n);
  }
}

function replies(api: ReturnType<typeof setup>['api']) {
  for (const n of [1, 2, 3]) api.on('POST', '/data_files/').reply(201, { id: n, checksum: `sum-${n}` });
  api.on('POST', '/data_units/').reply(201, [{ id: 11 }, { id: 12 }, { id: 13 }]);
  api.on('POST', '/tasks/').reply(201, [{ id: 21 }, { id: 22 }, { id: 23 }]);
}

describe('uploadDataCollection over records streamed in', () => {
  it.each([
    ['a generator', syncRecords],
    ['an async generator', asyncRecords],
  ])('takes %s: the same requests and report as an array, no total', async (_, records) => {
    const { api, client } = setup();
    replies(api);
    const progress: CollectionProgress[] = [];
    const result = await client.uploadDataCollection(7, records(), 4, {
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ created: 3, failed: 0, skipped: 0 });
    expect(
      result.items.map((item) => [item.index, item.key, item.status, item.dataUnit?.id, item.task?.id]),
    ).toEqual([0, 1, 2].map((n) => [n, JSON.stringify([['image_1', paths[n]]]), 'created', 11 + n, 21 + n]));
    const requests = await api.all();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /data_files/',
      'POST /data_files/',
      'POST /data_files/',
      'POST /data_units/',
      'POST /tasks/',
    ]);
    for (const req of requests) expect(req.headers).toMatchObject(AUTH);
    expect(requests[3]?.json).toEqual(
      [0, 1, 2].map((n) => ({
        files: { image_1: { checksum: `sum-${n + 1}`, path: paths[n] } },
        meta: { n },
        data_collection: 7,
      })),
    );
    expect(requests[4]?.json).toEqual([11, 12, 13].map((id) => ({ project: 4, data_unit: id })));
    expect(progress.every((p) => !('total' in p))).toBe(true);
    expect(progress.at(-1)).toMatchObject({
      done: 3,
      failed: 0,
      skipped: 0,
      bytes: 3 * 'content a.txt'.length,
    });
  });

  it('holds at most `window` records: the input is pulled no further ahead', async () => {
    const { api, client } = setup();
    const count = 12;
    api.on('POST', '/data_files/', count).reply(201, { id: 1, checksum: 'sum-1' });
    api.on('POST', '/data_units/', count).reply(201, [{ id: 11 }, { id: 12 }]);
    let pulled = 0;
    let final = 0;
    let ahead = 0;
    async function* counted(): AsyncGenerator<UploadRecord> {
      for (let n = 0; n < count; n++) {
        pulled++;
        ahead = Math.max(ahead, pulled - final);
        yield record(n % 3);
      }
    }
    const result = await client.uploadDataCollection(7, counted(), undefined, {
      window: 3,
      batchSize: 2,
      concurrency: 2,
      onItem: () => final++,
    });
    expect(result).toEqual({ items: [], created: count, failed: 0, skipped: 0 });
    expect(ahead).toBe(3);
    const requests = await api.all();
    expect(requests.filter((r) => r.path === '/data_files/')).toHaveLength(count);
    const batches = requests
      .filter((r) => r.path === '/data_units/')
      .map((r) => (r.json as unknown[]).length);
    expect(batches.reduce((sum, n) => sum + n, 0)).toBe(count);
    expect(Math.max(...batches)).toBeLessThanOrEqual(2);
  });

  it('sends what is uploaded when the input falls silent, without waiting for a full batch', async () => {
    const { api, client } = setup();
    for (const n of [1, 2]) api.on('POST', '/data_files/').reply(201, { id: n, checksum: `sum-${n}` });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    api.on('POST', '/data_units/').reply(201, [{ id: 12 }]);
    let firstReported: () => void = () => undefined;
    const reported = new Promise<void>((resolve) => {
      firstReported = resolve;
    });
    // The second record comes only once the first is created: a batch that waited to fill would never come.
    async function* trickle(): AsyncGenerator<UploadRecord> {
      yield record(0);
      await reported;
      yield record(1);
    }
    const items: UploadItemResult[] = [];
    const result = await client.uploadDataCollection(7, trickle(), undefined, {
      batchSize: 10,
      onItem: (item) => {
        items.push(item);
        firstReported();
      },
    });
    expect(result).toMatchObject({ items: [], created: 2 });
    expect(items.map((item) => [item.index, item.dataUnit?.id])).toEqual([
      [0, 11],
      [1, 12],
    ]);
    const units = (await api.all()).filter((r) => r.path === '/data_units/');
    expect(units.map((r) => (r.json as { meta: unknown }[]).map((u) => u.meta))).toEqual([
      [{ n: 0 }],
      [{ n: 1 }],
    ]);
  });

  it('counts failures in the progress and stops pulling when aborted while the input is silent', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(400, { file: ['This file is broken.'] });
    const controller = new AbortController();
    async function* stalls(): AsyncGenerator<UploadRecord> {
      yield record(0);
      await new Promise(() => undefined);
    }
    const progress: CollectionProgress[] = [];
    const run = client.uploadDataCollection(7, stalls(), undefined, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.failed === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.at(-1)).toEqual({ done: 0, failed: 1, skipped: 0, bytes: 0, rate: 0 });
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/']);
  });

  it('an aborted run pulls nothing more and lets its input clean up', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    const controller = new AbortController();
    let pulled = 0;
    let closed = false;
    function* many(): Generator<UploadRecord> {
      try {
        for (let n = 0; n < 100; n++) {
          pulled++;
          yield record(n % 3);
        }
      } finally {
        closed = true;
      }
    }
    const run = client.uploadDataCollection(7, many(), undefined, {
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect([pulled, closed]).toEqual([1, true]);
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/']);
  });

  it('an input that throws stops the run: what it gave is still created, then the call rejects with its error', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    const broken = new Error('the directory went away');
    async function* failing(): AsyncGenerator<UploadRecord> {
      yield record(0);
      throw broken;
    }
    const items: UploadItemResult[] = [];
    const error = await client
      .uploadDataCollection(7, failing(), undefined, { concurrency: 1, onItem: (item) => items.push(item) })
      .catch((caught: unknown) => caught);
    expect(error).toBe(broken);
    expect(items).toMatchObject([{ index: 0, status: 'created', dataUnit: { id: 11 } }]);
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/', '/data_units/']);
  });

  it('a callback that throws stops the run with its error, after what is in flight', async () => {
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-1' });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    const mistake = new Error('the progress bar broke');
    const error = await client
      .uploadDataCollection(7, syncRecords(), undefined, {
        concurrency: 1,
        onProgress: (p) => {
          if (p.bytes > 0) throw mistake;
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBe(mistake);
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/', '/data_units/']);
  });
});
