import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useEmulator } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CollectionProgress,
  DataCollectionClient,
  NotFoundError,
  type UploadProgress,
  type UploadRecord,
} from '../src/index.js';
import { useFixtures } from './helpers.js';

const sha1 = (bytes: string) => createHash('sha1').update(bytes).digest('hex');

const emu = useEmulator();
const fixtures = useFixtures();
let client: DataCollectionClient;
beforeAll(() => {
  client = emu.client(DataCollectionClient);
});

describe('data collection workflow against the emulator', () => {
  it('lists data collections and reads one with its file specifications', async () => {
    const page = await client.listDataCollection();
    expect(page.count).toBeGreaterThanOrEqual(1);
    expect(page.results[0]?.id).toBe(1);
    const collection = await client.getDataCollection(1);
    expect(collection.id).toBe(1);
    expect(collection.file_specifications?.[0]).toMatchObject({ id: 1, name: 'image_1' });
    await expect(client.getDataCollection(999)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates data files (multipart and chunked), verifies checksums, creates and lists data units', async () => {
    const small = 'a small text file\n';
    const smallPath = await fixtures.file('small.txt', small);
    const large = 'chunk-me-'.repeat(1000);
    const largePath = await fixtures.file('large.txt', large);

    const multipart = await client.createDataFile(smallPath);
    expect(multipart.checksum).toBe(sha1(small));

    const progress: UploadProgress[] = [];
    const chunked = await client.createDataFile(largePath, {
      useChunkedUpload: true,
      chunkSize: 2048,
      onProgress: (p) => progress.push(p),
    });
    expect(chunked.checksum).toBe(sha1(large));
    expect(chunked.meta).toMatchObject({ filename: 'large.txt' });
    expect(progress.at(-1)).toEqual({ loaded: large.length, total: large.length });
    expect(progress.length).toBe(Math.ceil(large.length / 2048) + 1);

    const verified = await client.dataFilesVerifyChecksums([
      multipart.checksum,
      chunked.checksum,
      'f'.repeat(40),
    ]);
    expect(verified).toEqual({ existing: [multipart.checksum, chunked.checksum], missing: ['f'.repeat(40)] });

    const units = await client.createDataUnits([
      {
        data_collection: 1,
        files: { image_1: { checksum: multipart.checksum, path: 'small.txt' } },
        meta: { n: 1 },
      },
      {
        data_collection: 1,
        files: { image_1: { checksum: chunked.checksum, path: 'large.txt' } },
        meta: { n: 2 },
      },
    ]);
    expect(units).toHaveLength(2);
    const unit = await client.getDataUnit(units[1]?.id as number);
    expect(unit).toMatchObject({ id: units[1]?.id, data_collection: 1, meta: { n: 2 } });

    const cacheDir = join(fixtures.dir, 'cache');
    const all = await client.listDataUnits(
      { data_collection: 1 },
      { listAll: true, urlConversion: { cacheDir } },
    );
    const listed = await all.toArray();
    expect(listed.length).toBe(all.count);
    const mine = listed.find((item) => item.id === units[1]?.id);
    const file = mine?.files?.image_1 as { path: string; url?: string };
    expect(file.url).toBeUndefined();
    expect(file.path.startsWith(cacheDir)).toBe(true);
    expect(await readFile(file.path, 'utf8')).toBe(large);
  });

  it('uploads a collection: files, data units and tasks, reporting a bad record without losing the others', async () => {
    const paths = await Promise.all(
      [1, 2, 3].map((n) => fixtures.file(`record-${n}.txt`, `record ${n} `.repeat(50 * n))),
    );
    const records: UploadRecord[] = [
      { files: { image_1: paths[0] as string }, meta: { n: 1 } },
      { files: { image_1: join(fixtures.dir, 'missing.txt') }, meta: { n: 2 } },
      { files: { image_1: paths[1] as string, meta_1: paths[2] as string }, meta: { n: 3 } },
    ];
    const progress: CollectionProgress[] = [];
    const result = await client.uploadDataCollection(1, records, 1, {
      batchSize: 1,
      useChunkedUpload: true,
      chunkSize: 256,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ created: 2, failed: 1 });
    expect(result.items[1]).toMatchObject({ index: 1, status: 'failed', stage: 'upload' });
    expect(result.items[1]?.error?.name).toBe('ValidationError');
    const bytes = [50, 100, 150].reduce((sum, n) => sum + n * 'record n '.length, 0);
    expect(progress.at(-1)).toEqual({
      done: 2,
      failed: 1,
      skipped: 0,
      bytes,
      rate: expect.any(Number),
      total: 3,
    });

    for (const index of [0, 2]) {
      const item = result.items[index];
      expect(item?.status).toBe('created');
      expect(item?.task).toMatchObject({ project: 1, data_unit: item?.dataUnit?.id });
      const unit = await client.getDataUnit(item?.dataUnit?.id as number);
      expect(unit.data_collection).toBe(1);
      expect(Object.keys(unit.files ?? {}).sort()).toEqual(Object.keys(records[index]?.files ?? {}).sort());
    }
    const uploaded = result.items[2]?.record?.files;
    expect(uploaded?.meta_1).toEqual({ checksum: sha1(`record 3 `.repeat(150)), path: paths[2] });
  });
});
