import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backendAuth, useEmulator } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DataCollectionClient,
  type FetchFunction,
  type UploadItemResult,
  type UploadRecord,
} from '../src/index.js';
import { useFixtures } from './helpers.js';

const emu = useEmulator();
const fixtures = useFixtures();
let client: DataCollectionClient;
beforeAll(() => {
  client = emu.client(DataCollectionClient);
});

/** `count` records, each one file of its own, tagged with the test's `run` in their meta. */
async function makeRecords(run: string, count: number): Promise<UploadRecord[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, n) => ({
      files: { image_1: await fixtures.file(`${run}-${n}.txt`, `${run} record ${n}`) },
      meta: { run, n },
    })),
  );
}

/** How many data units of collection 1 each record of `run` has on the emulator, by `n`. */
async function unitsOnServer(run: string): Promise<Map<number, number[]>> {
  const units = new Map<number, number[]>();
  for await (const unit of await client.listDataUnits({ data_collection: 1 }, { listAll: true })) {
    const meta = unit.meta as { run?: string; n?: number } | undefined;
    if (meta?.run === run && typeof meta.n === 'number')
      units.set(meta.n, [...(units.get(meta.n) ?? []), unit.id]);
  }
  return units;
}

/** The tasks of project 1 for a data unit, read straight from the emulator. */
async function tasksOf(dataUnit: number): Promise<unknown[]> {
  const { backendUrl, tokens } = emu.emulator;
  const reply = await fetch(`${backendUrl}/tasks/?project=1&data_unit=${dataUnit}`, {
    headers: backendAuth(tokens.accessToken),
  });
  return ((await reply.json()) as { results: unknown[] }).results;
}

async function expectEachOnce(run: string, count: number, withTasks: boolean): Promise<void> {
  const units = await unitsOnServer(run);
  expect([...units.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, n) => n));
  for (const ids of units.values()) expect(ids).toHaveLength(1);
  if (!withTasks) return;
  for (const [id] of units.values()) expect(await tasksOf(id as number)).toHaveLength(1);
}

/** A fetch that lets `path` reach the server, then fails as a kill would before the answer is written down. */
function answeredThenLost(path: string): { fetch: FetchFunction; lost: () => number } {
  let lost = 0;
  return {
    lost: () => lost,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (init?.method !== 'POST' || new URL(url).pathname !== path) return response;
      await response.arrayBuffer();
      lost++;
      throw new Error('the process died before it read the answer');
    },
  };
}

const journalLines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('uploadDataCollection with a journal, against the emulator', () => {
  it('writes an intent per batch and a line per finished record; a second run skips them all', async () => {
    const records = await makeRecords('plain', 5);
    const journal = join(fixtures.dir, 'plain.jsonl');
    const first = await client.uploadDataCollection(1, records, 1, { journal, batchSize: 2, concurrency: 2 });
    expect(first).toMatchObject({ created: 5, failed: 0, skipped: 0 });
    const lines = await journalLines(journal);
    expect(
      lines.filter((line) => line.type === 'intent').map((line) => (line.records as unknown[]).length),
    ).toEqual([2, 2, 1]);
    const done = lines.filter((line) => line.type === 'done');
    expect(done.map((line) => line.key).sort()).toEqual(first.items.map((item) => item.key).sort());
    for (const item of first.items) {
      expect(item.key).toBe(JSON.stringify([['image_1', records[item.index]?.files.image_1]]));
      expect(done).toContainEqual({
        type: 'done',
        key: item.key,
        dataUnit: item.dataUnit?.id,
        task: item.task?.id,
      });
    }

    const again = await client.uploadDataCollection(1, records, 1, { journal, batchSize: 2 });
    expect(again).toMatchObject({ created: 0, failed: 0, skipped: 5 });
    expect(again.items.map((item) => [item.index, item.status])).toEqual(
      records.map((_, index) => [index, 'skipped']),
    );
    await expectEachOnce('plain', 5, true);
  });

  it.each([1, 3, 6])(
    'aborted after %i uploaded files and resumed: every record once, with its task',
    async (after) => {
      const run = `abort-${after}`;
      const records = await makeRecords(run, 8);
      const journal = join(fixtures.dir, `${run}.jsonl`);
      const controller = new AbortController();
      let files = 0;
      const killed = client.uploadDataCollection(1, records, 1, {
        journal,
        batchSize: 2,
        concurrency: 2,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytes > 0 && ++files === after) controller.abort();
        },
      });
      await expect(killed).rejects.toMatchObject({ name: 'AbortError' });
      const resumed = await client.uploadDataCollection(1, records, 1, {
        journal,
        batchSize: 2,
        concurrency: 2,
      });
      expect(resumed.created + resumed.skipped).toBe(8);
      expect(resumed.failed).toBe(0);
      await expectEachOnce(run, 8, true);
    },
  );

  it('a batch the server created but the run never wrote down is found on the server, not created again', async () => {
    const records = await makeRecords('lost-units', 5);
    const journal = join(fixtures.dir, 'lost-units.jsonl');
    const faulty = answeredThenLost('/data_units/');
    const broken = emu.client(DataCollectionClient, { fetch: faulty.fetch, maxRetries: 0 });
    const first = await broken.uploadDataCollection(1, records, 1, { journal, batchSize: 2, concurrency: 1 });
    expect(faulty.lost()).toBe(3);
    expect(first).toMatchObject({ created: 0, failed: 5 });
    expect(first.items.every((item) => item.stage === 'data_unit')).toBe(true);
    expect((await unitsOnServer('lost-units')).size).toBe(5);

    const items: UploadItemResult[] = [];
    const resumed = await client.uploadDataCollection(1, records, 1, {
      journal,
      batchSize: 2,
      onItem: (item) => items.push(item),
    });
    expect(resumed).toEqual({ items: [], created: 0, failed: 0, skipped: 5 });
    expect(items.map((item) => item.status)).toEqual(Array(5).fill('skipped'));
    await expectEachOnce('lost-units', 5, true);
    const done = (await journalLines(journal)).filter((line) => line.type === 'done');
    const units = await unitsOnServer('lost-units');
    expect(done.map((line) => line.dataUnit).sort()).toEqual([...units.values()].flat().sort());
  });

  it('tasks the server created but the run never wrote down are found, not created again', async () => {
    const records = await makeRecords('lost-tasks', 3);
    const journal = join(fixtures.dir, 'lost-tasks.jsonl');
    const faulty = answeredThenLost('/tasks/');
    const broken = emu.client(DataCollectionClient, { fetch: faulty.fetch, maxRetries: 0 });
    const first = await broken.uploadDataCollection(1, records, 1, { journal, batchSize: 3 });
    expect(faulty.lost()).toBe(1);
    expect(first.items.map((item) => item.stage)).toEqual(['task', 'task', 'task']);
    const resumed = await client.uploadDataCollection(1, records, 1, { journal });
    expect(resumed).toMatchObject({ created: 0, failed: 0, skipped: 3 });
    await expectEachOnce('lost-tasks', 3, true);
  });

  it('a torn last line (a kill while it was written) is ignored and its record decided by the server', async () => {
    const records = await makeRecords('torn', 4);
    const journal = join(fixtures.dir, 'torn.jsonl');
    await client.uploadDataCollection(1, records, undefined, { journal, batchSize: 4, concurrency: 1 });
    const text = await readFile(journal, 'utf8');
    // The last line: the done line of the batch's last record, cut in its middle.
    const cut = text.length - Math.floor((text.length - text.lastIndexOf('\n', text.length - 2)) / 2);
    await truncate(journal, cut);
    const resumed = await client.uploadDataCollection(1, records, undefined, { journal });
    expect(resumed).toMatchObject({ created: 0, failed: 0, skipped: 4 });
    await expectEachOnce('torn', 4, false);
    const after = await readFile(journal, 'utf8');
    expect(after.startsWith(text.slice(0, cut))).toBe(true);
    // The torn text ends its own line; the line that settles its record follows on the next.
    const rest = after.slice(cut).split('\n');
    expect(rest[0]).toBe('');
    expect(JSON.parse(rest[1] as string)).toMatchObject({ type: 'done', key: resumed.items[3]?.key });
  });

  it('a journal with lines of another shape or none at all is read as far as it can be', async () => {
    const records = await makeRecords('odd', 2);
    const journal = join(fixtures.dir, 'odd.jsonl');
    await writeFile(journal, '\n{"type":"done"}\nnot json\n[1,2]\n{"type":"intent","records":[]}\n');
    const result = await client.uploadDataCollection(1, records, undefined, { journal });
    expect(result).toMatchObject({ created: 2, failed: 0, skipped: 0 });
    await expectEachOnce('odd', 2, false);
  });
});
