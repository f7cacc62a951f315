import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BaseClient } from '@synapse/core/internal';
import { closedPort, useEmulator, useTempDir } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_DOMAINS } from '../src/backend-client.js';
import { ownMethodNames } from '../src/compose.js';
import {
  AuthenticationError,
  BackendClient,
  ConnectionError,
  CoreClient,
  NotFoundError,
  type UploadProgress,
} from '../src/index.js';

const emu = useEmulator();
const folder = useTempDir('sdk-backend-');
let client: BackendClient;
beforeAll(() => {
  client = emu.client(BackendClient);
});

describe('BackendClient composition', () => {
  it('carries every domain method as the domain’s own function', () => {
    for (const domain of BACKEND_DOMAINS) {
      for (const name of ownMethodNames(domain)) {
        const method = (BackendClient.prototype as unknown as Record<string, unknown>)[name];
        expect(method, `${domain.name}.${name}`).toBe(
          (domain.prototype as unknown as Record<string, unknown>)[name],
        );
      }
    }
  });

  it('is a CoreClient named Backend', () => {
    expect(client).toBeInstanceOf(CoreClient);
    expect(client).toBeInstanceOf(BaseClient);
    expect(BackendClient.clientName).toBe('Backend');
    expect(client.baseUrl).toBe(emu.emulator.backendUrl);
  });

  it('names itself in transport errors', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const closed = new BackendClient({ baseUrl, apiToken: 't', maxRetries: 0 });
    const error = await closed.getProject(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reason).toBe('Backend connection refused');
  });
});

describe('BackendClient against the emulator', () => {
  it('annotation: projects, tasks and tags', async () => {
    expect(await client.getProject(1)).toMatchObject({ id: 1 });
    const tasks = await client.listTasks({ project: 1 }, { listAll: true });
    expect((await tasks.toArray()).map((task) => task.id)).toEqual([1, 2, 3]);
    expect((await client.listTaskTags({ project: 1 })).count).toBe(2);
    expect(await client.exists('listTasks', { project: 1 })).toBe(true);
  });

  it('data: a data file, a data unit, and a chunked upload with progress', async () => {
    const path = join(folder.path, 'small.json');
    await writeFile(path, JSON.stringify({ hello: 'world' }));
    const file = await client.createDataFile(path);
    const [unit] = await client.createDataUnits([
      { data_collection: 1, files: { image_1: { checksum: file.checksum, path: 'small.json' } } },
    ]);
    expect(unit?.id).toBeGreaterThan(3);

    const progress: UploadProgress[] = [];
    const upload = await client.createChunkedUpload(new Uint8Array(10_000).fill(7), {
      chunkSize: 4096,
      filename: 'bytes.bin',
      onProgress: (p) => progress.push(p),
    });
    expect(upload.id).toBeDefined();
    expect(progress.at(-1)).toEqual({ loaded: 10_000, total: 10_000 });
  });

  it('data: a bulk upload resumed from its journal finds its in-flight record on the server', async () => {
    const path = join(folder.path, 'bulk.txt');
    await writeFile(path, 'a bulk record');
    const journal = join(folder.path, 'bulk.jsonl');
    const records = [{ files: { image_1: path }, meta: { bulk: true } }];
    const first = await client.uploadDataCollection(1, records, 1, { journal });
    expect(first).toMatchObject({ created: 1, skipped: 0 });
    // As if killed after POST data_units/: the intent stays, the finishing lines go.
    const [intent] = (await readFile(journal, 'utf8')).split('\n');
    await writeFile(journal, `${intent}\n`);
    const resumed = await client.uploadDataCollection(1, records, 1, { journal });
    expect(resumed).toMatchObject({ created: 0, skipped: 1 });
    const lines = (await readFile(journal, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.slice(1)).toEqual([
      { type: 'unit', key: first.items[0]?.key, dataUnit: first.items[0]?.dataUnit?.id },
      {
        type: 'done',
        key: first.items[0]?.key,
        dataUnit: first.items[0]?.dataUnit?.id,
        task: first.items[0]?.task?.id,
      },
    ]);
  });

  it('hitl, integration and ml', async () => {
    expect((await client.listAssignments({ project: 1 })).count).toBe(2);
    expect(await client.getPlugin(1)).toMatchObject({ id: 1 });
    expect(await client.getStorage(1)).toMatchObject({ id: 1 });
    expect(await client.getModel(1)).toMatchObject({ id: 1 });
    expect(await client.getGroundTruthVersion(1)).toMatchObject({ id: 1 });
  });

  it('raises the core errors', async () => {
    await expect(client.getProject(999)).rejects.toBeInstanceOf(NotFoundError);
    const wrong = emu.client(BackendClient, { apiToken: 'wrong', maxRetries: 0 });
    await expect(wrong.listTasks({ project: 1 })).rejects.toBeInstanceOf(AuthenticationError);
  });
});
