import { createReadStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { UploadRecord } from '@synapse/data';
import { CliError } from '../exit-codes.js';

/** The lines of a manifest with their numbers, streamed; blank lines are skipped. */
async function* manifestLines(path: string): AsyncGenerator<[number, string]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() !== '') yield [number, line];
  }
}

function parseLine(path: string, number: number, line: string, specs: ReadonlySet<string>): UploadRecord {
  const where = `${path}:${number}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CliError(`${where}: not valid JSON`);
  }
  const record = value as { files?: unknown; meta?: unknown } | null;
  const files = record?.files;
  if (
    typeof files !== 'object' ||
    files === null ||
    Array.isArray(files) ||
    Object.keys(files).length === 0
  ) {
    throw new CliError(`${where}: expected {"files": {"<spec>": "<path>", …}, "meta"?: {…}}`);
  }
  for (const [spec, file] of Object.entries(files)) {
    if (typeof file !== 'string') throw new CliError(`${where}: files.${spec} must be a path`);
    if (!specs.has(spec)) {
      throw new CliError(
        `${where}: the collection has no file specification "${spec}" (it has: ${[...specs].join(', ')})`,
      );
    }
  }
  const meta = record?.meta;
  if (meta !== undefined && (typeof meta !== 'object' || meta === null || Array.isArray(meta))) {
    throw new CliError(`${where}: meta must be an object`);
  }
  const base = dirname(path);
  const resolved = Object.fromEntries(
    Object.entries(files as Record<string, string>).map(([spec, file]) => [spec, resolve(base, file)]),
  );
  return meta === undefined
    ? { files: resolved }
    : { files: resolved, meta: meta as Record<string, unknown> };
}

/**
 * Reads a whole manifest once to check every line before anything is sent (a bad line is a CliError naming
 * file and line); resolves to the number of records. Nothing is kept but the count.
 */
export async function checkManifest(path: string, specs: ReadonlySet<string>): Promise<number> {
  let count = 0;
  for await (const [number, line] of manifestLines(path)) {
    parseLine(path, number, line, specs);
    count += 1;
  }
  return count;
}

/**
 * The records of a manifest, a JSON-lines file with one `{"files": {spec: path}, "meta"?: {…}}` per line, so
 * several files can make one data unit. Relative paths are relative to the manifest's folder.
 */
export async function* recordsFromManifest(
  path: string,
  specs: ReadonlySet<string>,
): AsyncGenerator<UploadRecord> {
  for await (const [number, line] of manifestLines(path)) yield parseLine(path, number, line, specs);
}
