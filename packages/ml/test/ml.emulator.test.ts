import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useEmulator, useTempDir } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { MLClient, NotFoundError } from '../src/index.js';

const emu = useEmulator();
const tmp = useTempDir('synapse-ml-emulator-');
let client: MLClient;
beforeAll(() => {
  client = emu.client(MLClient);
});

describe('ML workflow against the emulator', () => {
  it('creates a model from a file through the chunked upload and downloads it back', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const file = join(tmp.path, 'weights.pt');
    await writeFile(file, bytes);
    const loaded: number[] = [];
    const data = { file, name: 'tiny-net', description: 'emulator test' };
    const model = await client.createModel(data, {
      chunkSize: 1024,
      onProgress: (p) => loaded.push(p.loaded),
    });
    expect(model).toMatchObject({ name: 'tiny-net', description: 'emulator test', size: 5000 });
    expect(data.file).toBe(file);
    expect(loaded.at(-1)).toBe(5000);

    const remote = await client.getModel(model.id);
    expect(remote.file).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\//);

    const cacheDir = join(tmp.path, 'cache');
    const local = await client.getModel(model.id, undefined, { urlConversion: { cacheDir } });
    expect(local.file?.startsWith(cacheDir)).toBe(true);
    expect(Buffer.compare(await readFile(local.file as string), bytes)).toBe(0);

    const page = await client.listModels({ name: 'tiny-net' });
    expect(page.results.map((m) => m.id)).toEqual([model.id]);
  });

  it('reads the seeded ground-truth version and its events with their files', async () => {
    const version = await client.getGroundTruthVersion(1);
    expect(version.id).toBe(1);
    await expect(client.getGroundTruthVersion(999)).rejects.toBeInstanceOf(NotFoundError);

    const page = await client.listGroundTruthEvents({ ground_truth_dataset_versions: 1 });
    expect(page.count).toBeGreaterThanOrEqual(1);

    const cacheDir = join(tmp.path, 'gt-cache');
    const all = await client.listGroundTruthEvents(
      { ground_truth_dataset_versions: 1 },
      { listAll: true, urlConversion: { cacheDir } },
    );
    const events = await all.toArray();
    expect(events.length).toBe(all.count);
    const files = Object.values(events[0]?.files ?? {}) as { path?: string; url?: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const entry of files) {
      expect(entry.url).toBeUndefined();
      expect(entry.path?.startsWith(cacheDir)).toBe(true);
      expect((await readFile(entry.path as string, 'utf8')).length).toBeGreaterThan(0);
    }
  });
});
