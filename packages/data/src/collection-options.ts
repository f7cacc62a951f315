import { parseInput, ValidationError } from '@synapse/core/internal';
import * as v from 'valibot';
import type { CollectionShard, UploadDataCollectionOptions } from './options.js';

const CountSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const ShardSchema = v.pipe(
  v.object({
    index: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    count: CountSchema,
  }),
  v.check((shard) => shard.index < shard.count, 'index must be less than count'),
);

/** The options of `uploadDataCollection`, checked, with their defaults. */
export interface CollectionSettings {
  batchSize: number;
  concurrency: number;
  window: number;
  journal: string | undefined;
  shard: CollectionShard | undefined;
}

function assertFunction(value: unknown, argument: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new ValidationError(`${argument} must be a function`, { argument });
  }
}

/** Checks every option before anything is read or sent; a `ValidationError` names the bad one. */
export function checkCollectionOptions(options: UploadDataCollectionOptions): CollectionSettings {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('options must be an object', { argument: 'options' });
  }
  const batchSize = parseInput(CountSchema, options.batchSize ?? 1000, 'batchSize');
  const concurrency = parseInput(CountSchema, options.concurrency ?? 8, 'concurrency');
  const window = parseInput(
    CountSchema,
    options.window ?? Math.max(2 * batchSize, 4 * concurrency),
    'window',
  );
  assertFunction(options.onProgress, 'onProgress');
  assertFunction(options.onItem, 'onItem');
  assertFunction(options.key, 'key');
  const shard = options.shard === undefined ? undefined : parseInput(ShardSchema, options.shard, 'shard');
  const { journal } = options;
  if (journal !== undefined && (typeof journal !== 'string' || journal.trim() === '')) {
    throw new ValidationError('journal must be the path of a file', { argument: 'journal' });
  }
  return { batchSize, concurrency, window, journal, shard };
}
