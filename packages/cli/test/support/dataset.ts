import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `count` small files under `root`, spread over two levels of subfolders, each with content of its own
 * (so no two share a checksum); resolves to their paths.
 */
export async function writeDataset(root: string, count: number, tag: string): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const dir = join(root, `part-${i % 3}`, i % 2 === 0 ? 'even' : '');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `file-${i}.json`);
    await writeFile(path, JSON.stringify({ tag, i }));
    paths.push(path);
  }
  return paths;
}

/** A data unit as the emulator lists it. */
export interface ListedUnit {
  id: number;
  files: Record<string, { path?: string; checksum?: string }>;
  meta?: Record<string, unknown>;
}

/**
 * Every data unit of a collection whose files lie under `prefix`, read from the emulator's HTTP API page by
 * page (what the server holds, not what the CLI reported).
 */
export async function unitsUnder(
  get: (path: string) => Promise<unknown>,
  collection: number,
  prefix: string,
): Promise<ListedUnit[]> {
  const units: ListedUnit[] = [];
  for (let page = 1; ; page += 1) {
    const reply = (await get(`data_units/?data_collection=${collection}&page_size=1000&page=${page}`)) as {
      results: ListedUnit[];
      next: string | null;
    };
    units.push(
      ...reply.results.filter((unit) =>
        Object.values(unit.files).some((file) => file.path?.startsWith(prefix) === true),
      ),
    );
    if (reply.next === null) return units;
  }
}

/** How many times each file path occurs among the units' files (a duplicate shows as 2 or more). */
export function pathCounts(units: readonly ListedUnit[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of units) {
    for (const file of Object.values(unit.files)) {
      if (file.path !== undefined) counts.set(file.path, (counts.get(file.path) ?? 0) + 1);
    }
  }
  return counts;
}
