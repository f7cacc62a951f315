import { join } from 'node:path';
import { useEmulator } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataCollectionClient, type UploadItemResult, type UploadRecord } from '../src/index.js';
import { fnv1a32, inShard, pathKey } from '../src/record-key.js';
import { useFixtures } from './helpers.js';

const emu = useEmulator();
const fixtures = useFixtures();
let client: DataCollectionClient;
beforeAll(() => {
  client = emu.client(DataCollectionClient);
});

describe('shards', () => {
  it('hash keys with FNV-1a (32-bit) of their UTF-8 bytes', () => {
    // The published FNV-1a test vectors, and a key beyond ASCII (its UTF-8 bytes: 63 61 66 c3 a9).
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(fnv1a32('café')).toBe(fnv1a32('caf\u00e9'));
    expect(fnv1a32('café')).not.toBe(fnv1a32('cafe\u0301'));
  });

  it.each([1, 2, 3, 4, 5])('%i shards take every one of 300 keys exactly once', (count) => {
    const keys = Array.from(
      { length: 300 },
      (_, n) => pathKey({ files: { image_1: `/data/${n}.jpg` } }) as string,
    );
    const taken = keys.map((key) =>
      Array.from({ length: count }, (_, index) => index).filter((index) => inShard(key, { index, count })),
    );
    expect(taken.every((shards) => shards.length === 1)).toBe(true);
    // Each shard gets a share, not all of them one.
    const sizes = Array.from({ length: count }, (_, index) => taken.filter(([s]) => s === index).length);
    for (const size of sizes) expect(size).toBeGreaterThan(300 / count / 2);
  });

  it('the default key is the paths by specification name, in name order, whatever the order given', () => {
    const a = pathKey({ files: { meta_1: '/d/a.json', image_1: '/d/a.jpg' } });
    const b = pathKey({
      files: { image_1: '/d/a.jpg', meta_1: { content: '/d/a.json', filename: 'x.json' } },
    });
    expect(a).toBe('[["image_1","/d/a.jpg"],["meta_1","/d/a.json"]]');
    expect(b).toBe(a);
    expect(pathKey({ files: { image_1: new Uint8Array(1) } })).toBeUndefined();
  });

  it('3 machines uploading one collection, each its shard with its own journal: every record once', async () => {
    const records: UploadRecord[] = await Promise.all(
      Array.from({ length: 30 }, async (_, n) => ({
        files: { image_1: await fixtures.file(`shard-${n}.txt`, `shard record ${n}`) },
        meta: { run: 'shards', n },
      })),
    );
    const missing = join(fixtures.dir, 'not-there.txt');
    const runs = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const items: UploadItemResult[] = [];
        const result = await client.uploadDataCollection(
          1,
          // A record of another shard is not opened: its missing file fails nothing.
          [...records, { files: { image_1: missing } }].filter(
            (record) =>
              record.files.image_1 !== missing || !inShard(pathKey(record) as string, { index, count: 3 }),
          ),
          undefined,
          {
            shard: { index, count: 3 },
            journal: join(fixtures.dir, `shard-${index}.jsonl`),
            batchSize: 4,
            onItem: (item) => items.push(item),
          },
        );
        return { result, items };
      }),
    );
    const indexes = runs.flatMap(({ items }) => items.map((item) => item.index)).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 30 }, (_, n) => n));
    for (const { result, items } of runs) {
      expect(result).toMatchObject({ items: [], failed: 0, created: items.length });
      expect(items.length).toBeGreaterThan(0);
    }
    const units = await (await client.listDataUnits({ data_collection: 1 }, { listAll: true })).toArray();
    const ours = units
      .map((unit) => unit.meta as { run?: string; n?: number })
      .filter((meta) => meta?.run === 'shards');
    expect(ours.map((meta) => meta.n).sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: 30 }, (_, n) => n),
    );
  });
});
