import { ValidationError } from '@synapse/core/internal';
import type { CollectionShard } from './options.js';
import type { UploadRecord } from './schemas.js';

const utf8 = new TextEncoder();

/** FNV-1a, 32-bit, of the string's UTF-8 bytes: the same number on every engine and machine. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Whether the record with this key belongs to the shard. */
export function inShard(key: string, shard: CollectionShard | undefined): boolean {
  return shard === undefined || fnv1a32(key) % shard.count === shard.index;
}

/** The path a file input names, if it is one (a string, or `{ content: <path> }`). */
function filePath(file: unknown): string | undefined {
  if (typeof file === 'string') return file;
  const content = (file as { content?: unknown } | null | undefined)?.content;
  return typeof content === 'string' ? content : undefined;
}

/**
 * The default key: the files' paths with their specification names, sorted by name, as JSON
 * (`[["image_1","/data/a.jpg"]]`); `undefined` when a file is not a path.
 */
export function pathKey(record: UploadRecord): string | undefined {
  const entries: [string, string][] = [];
  for (const [name, file] of Object.entries(record.files)) {
    const found = filePath(file);
    if (found === undefined) return undefined;
    entries.push([name, found]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/**
 * Gives each record its key: the caller's `key`, else its paths. A record that has none gets `#<index>` when
 * nothing depends on keys (no journal, no shard); otherwise it is refused.
 */
export function recordKeyer(
  key: ((record: UploadRecord) => string) | undefined,
  keysMatter: boolean,
): (record: UploadRecord, index: number) => string {
  return (record, index) => {
    if (key) {
      const made: unknown = key(record);
      if (typeof made !== 'string' || made === '') {
        throw new ValidationError(`key must return a non-empty string (record ${index})`, {
          argument: 'key',
        });
      }
      return made;
    }
    const fromPaths = pathKey(record);
    if (fromPaths !== undefined) return fromPaths;
    if (!keysMatter) return `#${index}`;
    throw new ValidationError(
      `record ${index} has a file that is not a path: with a journal or a shard, give a key option that names each record`,
      { argument: 'key' },
    );
  };
}
