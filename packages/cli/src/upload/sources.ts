import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { UploadRecord } from '@synapse/data';
import { CliError } from '../exit-codes.js';
import { walkFiles } from './walk.js';

/** A path argument of `upload`, checked: a folder to walk or a file to send. */
export interface Source {
  path: string;
  folder: boolean;
}

/**
 * Checks every path argument before anything is sent: it must exist, and a file must be readable (a folder's
 * files are checked as they are read; one that cannot be read fails alone, reported with the others).
 */
export async function checkSources(paths: readonly string[]): Promise<Source[]> {
  const sources: Source[] = [];
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(
        error.code === 'ENOENT' ? `No such file or folder: ${given}` : `Cannot read ${given}: ${error.code}`,
      );
    });
    if (info.isDirectory()) {
      sources.push({ path, folder: true });
      continue;
    }
    await access(path, constants.R_OK).catch(() => {
      throw new CliError(`Cannot read ${given}: permission denied`);
    });
    sources.push({ path, folder: false });
  }
  return sources;
}

/**
 * One record per file, each file under `spec`, streamed: folders are walked lazily, so a folder of 100,000
 * files never sits in memory. Files are named by absolute path, which is also the record's journal and shard
 * key (see {@link fileKey}), so a resume must see the files where the first run did.
 */
export async function* recordsFromSources(
  sources: readonly Source[],
  spec: string,
  exclude: ReadonlySet<string>,
): AsyncGenerator<UploadRecord> {
  for (const source of sources) {
    if (!source.folder) {
      yield { files: { [spec]: source.path } };
      continue;
    }
    for await (const path of walkFiles(source.path, exclude)) yield { files: { [spec]: path } };
  }
}

/**
 * The journal and shard key of a record made from one file: its absolute path, as the report prints it. (The
 * SDK's default key, kept for manifest records, is a JSON list of `[spec, path]` pairs.)
 */
export function fileKey(record: UploadRecord): string {
  const [path] = Object.values(record.files);
  return String(path);
}
