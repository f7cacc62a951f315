import { readFile } from 'node:fs/promises';
import { useEmulator, useTempDir } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Assignment, HITLClient, NotFoundError, PermissionDeniedError } from '../src/index.js';

const emu = useEmulator();
const cache = useTempDir('hitl-emulator-');
let client: HITLClient;
beforeAll(() => {
  client = emu.client(HITLClient);
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
    const all = await client.listAssignments(
      { project: 1 },
      { listAll: true, urlConversion: { cacheDir: cache.path } },
    );
    const items: Assignment[] = await all.toArray();
    const files = items[0]?.files as Record<string, { path: string; url?: string }>;
    const image = files.image_1;
    expect(image?.url).toBeUndefined();
    expect(image?.path.startsWith(cache.path)).toBe(true);
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
    const readOnly = emu.client(HITLClient, { apiToken: emu.emulator.tokens.readOnlyToken });
    expect((await readOnly.listAssignments()).count).toBe(2);
    await expect(readOnly.setTagsAssignments({ assignment_ids: [1], tag_ids: [1] })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });
});
