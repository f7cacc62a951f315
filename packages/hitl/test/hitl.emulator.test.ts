import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@synapse/emulator';
import { blockNetwork } from '@synapse/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Assignment, HITLClient, NotFoundError, PermissionDeniedError } from '../src/index.js';

let emulator: Emulator;
let client: HITLClient;
let cacheDir: string;

beforeAll(async () => {
  blockNetwork();
  emulator = await startEmulator();
  client = new HITLClient({ baseUrl: emulator.backendUrl, apiToken: emulator.tokens.accessToken });
  cacheDir = await mkdtemp(join(tmpdir(), 'hitl-emulator-'));
});

afterAll(async () => {
  await emulator?.stop();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe('HITLClient against the emulator', () => {
  it('lists the seeded assignments as one page', async () => {
    const page = await client.listAssignments({ project: 1 });
    expect(page.count).toBe(2);
    expect(page.next).toBeNull();
    expect(page.results.map((a) => a.id)).toEqual([1, 2]);
    expect(page.results[0]).toMatchObject({ project: 1, task: 1 });
  });

  it('lists every assignment with listAll across pages', async () => {
    const all = await client.listAssignments({ project: 1, page_size: 1 }, { listAll: true });
    expect(all.count).toBe(2);
    expect((await all.toArray()).map((a) => a.id)).toEqual([1, 2]);
  });

  it('downloads the files of each assignment with urlConversion', async () => {
    const all = await client.listAssignments({ project: 1 }, { listAll: true, urlConversion: { cacheDir } });
    const items: Assignment[] = await all.toArray();
    const files = items[0]?.files as Record<string, { path: string; url?: string }>;
    const image = files.image_1;
    expect(image?.url).toBeUndefined();
    expect(image?.path.startsWith(cacheDir)).toBe(true);
    expect(JSON.parse(await readFile(image?.path ?? '', 'utf8'))).toEqual({ sample: 1, label: 'item 1' });
  });

  it('gets an assignment and reports a missing one as NotFoundError', async () => {
    expect(await client.getAssignment(2)).toMatchObject({ id: 2, project: 1, task: 2 });
    await expect(client.getAssignment(999)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sets tags on assignments and the change is visible', async () => {
    const result = await client.setTagsAssignments({ assignment_ids: [1, 2], tag_ids: [2], action: 'add' });
    expect(result).toMatchObject({ action: 'add', ids: [1, 2], tags: [2], updated: 2 });
    expect((await client.getAssignment(1)).tags).toEqual([2]);
    await client.setTagsAssignments({ assignment_ids: [1], tag_ids: [2], action: 'remove' });
    expect((await client.getAssignment(1)).tags).toEqual([]);
    expect((await client.getAssignment(2)).tags).toEqual([2]);
  });

  it('refuses set_tags with the read-only token', async () => {
    const readOnly = new HITLClient({
      baseUrl: emulator.backendUrl,
      apiToken: emulator.tokens.readOnlyToken,
    });
    expect((await readOnly.listAssignments()).count).toBe(2);
    await expect(readOnly.setTagsAssignments({ assignment_ids: [1], tag_ids: [1] })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });
});
