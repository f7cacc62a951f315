import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useMockNetwork } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectionProgress, UploadItemResult, UploadRecord } from '../src/index.js';
import { AUTH, setup, useFixtures } from './helpers.js';

useMockNetwork();
const fixtures = useFixtures();
let records: UploadRecord[];
let keys: string[];
beforeAll(async () => {
  const paths = await Promise.all(
    ['a', 'b', 'c'].map((name) => fixtures.file(`${name}.txt`, `content ${name}`)),
  );
  records = paths.map((path, n) => ({ files: { image_1: path }, meta: { n } }));
  keys = paths.map((path) => JSON.stringify([['image_1', path]]));
});

const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });

describe('uploadDataCollection resumed after a kill: what it asks the server first', () => {
  it('finds in-flight records among the data units, their tasks among the project’s, creates only the rest', async () => {
    const [a, b, c] = keys as [string, string, string];
    const [pathA, pathB] = records.map((record) => record.files.image_1 as string);
    const journal = join(fixtures.dir, 'settle.jsonl');
    const sent = (key: string, path: string | undefined, checksum: string) => ({
      key,
      files: { image_1: { checksum, path } },
    });
    await writeFile(
      journal,
      [
        JSON.stringify({ type: 'intent', records: [sent(a, pathA, 'sum-a'), sent(b, pathB, 'sum-b')] }),
        JSON.stringify({ type: 'unit', key: c, dataUnit: 12 }),
        '',
      ].join('\n'),
    );
    const { api, client } = setup();
    // a's data unit was made (same checksum and path); b's request never arrived.
    api.on('GET', '/data_units/').reply(
      200,
      page([
        { id: 10, files: { image_1: { checksum: 'sum-a', path: 'elsewhere.txt', url: 'http://m/a' } } },
        { id: 11, files: { image_1: { checksum: 'sum-a', path: pathA, url: 'http://m/a' } } },
      ]),
    );
    // c's task was made; a's not.
    api.on('GET', '/tasks/').reply(
      200,
      page([
        { id: 30, project: 4, data_unit: 99 },
        { id: 31, project: 4, data_unit: 12 },
      ]),
    );
    api.on('POST', '/tasks/').reply(201, [{ id: 32, project: 4, data_unit: 11 }]);
    api.on('POST', '/data_files/').reply(201, { id: 2, checksum: 'sum-b' });
    api.on('POST', '/data_units/').reply(201, [{ id: 13 }]);
    api.on('POST', '/tasks/').reply(201, [{ id: 33, project: 4, data_unit: 13 }]);

    const progress: CollectionProgress[] = [];
    const result = await client.uploadDataCollection(7, records, 4, {
      journal,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.at(-1)).toEqual({
      done: 1,
      failed: 0,
      skipped: 2,
      bytes: 'content b'.length,
      rate: expect.any(Number),
      total: 3,
    });

    expect(result).toMatchObject({ created: 1, failed: 0, skipped: 2 });
    expect(result.items.map((item) => [item.key, item.status, item.dataUnit?.id, item.task?.id])).toEqual([
      [a, 'skipped', undefined, undefined],
      [b, 'created', 13, 33],
      [c, 'skipped', undefined, undefined],
    ]);
    const requests = await api.all();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /data_units/',
      'GET /tasks/',
      'POST /tasks/',
      'POST /data_files/',
      'POST /data_units/',
      'POST /tasks/',
    ]);
    for (const req of requests) expect(req.headers).toMatchObject(AUTH);
    expect(requests[0]?.query).toEqual({ data_collection: '7', page_size: '1000' });
    expect(requests[1]?.query).toEqual({ project: '4', page_size: '1000' });
    expect(requests[2]?.json).toEqual([{ project: 4, data_unit: 11 }]);
    expect(requests[4]?.json).toEqual([
      { files: { image_1: { checksum: 'sum-b', path: pathB } }, meta: { n: 1 }, data_collection: 7 },
    ]);
    expect(requests[5]?.json).toEqual([{ project: 4, data_unit: 13 }]);

    const lines = (await readFile(journal, 'utf8'))
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { type: 'unit', key: a, dataUnit: 11 },
      { type: 'done', key: c, dataUnit: 12, task: 31 },
      { type: 'done', key: a, dataUnit: 11, task: 32 },
      { type: 'intent', records: [sent(b, pathB, 'sum-b')] },
      { type: 'unit', key: b, dataUnit: 13 },
      { type: 'done', key: b, dataUnit: 13, task: 33 },
    ]);
  });

  it('a failed listing rejects the run before anything is created', async () => {
    const journal = join(fixtures.dir, 'settle-fails.jsonl');
    await writeFile(
      journal,
      `${JSON.stringify({ type: 'intent', records: [{ key: keys[0], files: { image_1: { checksum: 's', path: 'p' } } }] })}\n`,
    );
    const { api, client } = setup();
    api.on('GET', '/data_units/').reply(503, { detail: 'down' });
    const error = await client
      .uploadDataCollection(7, records, undefined, { journal, maxRetries: 0 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ServerError', status: 503 });
    expect((await api.all()).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /data_units/']);
  });

  it('a data unit whose task cannot be created now is reported failed at task, never uploaded again', async () => {
    const journal = join(fixtures.dir, 'settle-task-fails.jsonl');
    await writeFile(journal, `${JSON.stringify({ type: 'unit', key: keys[0], dataUnit: 12 })}\n`);
    const { api, client } = setup();
    api.on('GET', '/tasks/').reply(200, page([]));
    api.on('POST', '/tasks/').reply(400, { project: ['Invalid pk "4" - object does not exist.'] });
    const result = await client.uploadDataCollection(7, records.slice(0, 1), 4, { journal, maxRetries: 0 });
    expect(result).toMatchObject({ created: 0, failed: 1, skipped: 0 });
    expect(result.items[0]).toMatchObject({
      key: keys[0],
      status: 'failed',
      stage: 'task',
      dataUnit: { id: 12 },
    });
    expect(result.items[0]?.error?.name).toBe('BadRequestError');
    const requests = await api.all();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /tasks/', 'POST /tasks/']);
    expect(requests[1]?.json).toEqual([{ project: 4, data_unit: 12 }]);
    expect(await readFile(journal, 'utf8')).toBe(
      `${JSON.stringify({ type: 'unit', key: keys[0], dataUnit: 12 })}\n`,
    );
  });

  it('two records with one key in a journal run: the second is refused while the first is in flight', async () => {
    const journal = join(fixtures.dir, 'same-key.jsonl');
    const { api, client } = setup();
    api.on('POST', '/data_files/').reply(201, { id: 1, checksum: 'sum-a' });
    api.on('POST', '/data_units/').reply(201, [{ id: 11 }]);
    const items: UploadItemResult[] = [];
    const result = await client.uploadDataCollection(7, records.slice(0, 2), undefined, {
      journal,
      concurrency: 2,
      key: () => 'same',
      onItem: (item) => items.push(item),
    });
    expect(result).toMatchObject({ created: 1, failed: 1 });
    expect(items[0]).toMatchObject({ index: 1, key: 'same', status: 'failed', stage: 'upload' });
    expect(items[0]?.error?.message).toBe('Another record with the key "same" is being uploaded');
    expect(items[1]).toMatchObject({ index: 0, key: 'same', status: 'created', dataUnit: { id: 11 } });
    expect((await api.all()).map((r) => r.path)).toEqual(['/data_files/', '/data_units/']);
  });
});
