import { type CallOptions, parseInput, ValidationError } from '@synapse/core/internal';
import * as v from 'valibot';
import { CollectionJournal } from './collection-journal.js';
import { checkCollectionOptions } from './collection-options.js';
import type { UploadCollectionResult } from './collection-results.js';
import { CollectionRun, type RunOperations } from './collection-run.js';
import type { UploadDataCollectionOptions } from './options.js';
import { recordKeyer } from './record-key.js';
import { IdSchema, type UploadRecord, UploadRecordSchema } from './schemas.js';
import { type SettleOperations, settleInFlight } from './settle-in-flight.js';

export type { UploadCollectionResult, UploadItemResult } from './collection-results.js';

/** The client calls the bulk upload is made of. */
export interface CollectionOperations extends RunOperations, SettleOperations {}

const RecordsSchema = v.array(UploadRecordSchema);

type Records = Iterable<UploadRecord> | AsyncIterable<UploadRecord>;

function isIterable(value: unknown): value is Records {
  if (typeof value !== 'object' || value === null) return false;
  return (
    typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function' ||
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function'
  );
}

/**
 * Python `upload_data_collection`, streamed, resumable and shardable, with a per-record report instead of
 * `None` (see `CollectionRun` for the pipeline, `CollectionJournal` for the journal and `settleInFlight` for
 * what a resumed run decides first).
 */
export async function uploadCollection(
  ops: CollectionOperations,
  input: {
    dataCollectionId: number;
    dataCollection: Records;
    projectId: number | undefined;
    options: UploadDataCollectionOptions;
  },
): Promise<UploadCollectionResult> {
  const collection = parseInput(IdSchema, input.dataCollectionId, 'dataCollectionId');
  const records = input.dataCollection;
  const isArray = Array.isArray(records);
  if (isArray) parseInput(RecordsSchema, records, 'dataCollection');
  else if (!isIterable(records)) {
    throw new ValidationError(
      'dataCollection must be an array, an iterable or an async iterable of records',
      {
        argument: 'dataCollection',
      },
    );
  }
  const project =
    input.projectId === undefined || input.projectId === null
      ? undefined
      : parseInput(IdSchema, input.projectId, 'projectId');
  const { options } = input;
  const settings = checkCollectionOptions(options);
  const keyOf = recordKeyer(options.key, settings.journal !== undefined || settings.shard !== undefined);
  // An array is in memory already: a record without a key is refused before anything is sent.
  if (isArray) {
    (records as UploadRecord[]).forEach((record, index) => {
      keyOf(record, index);
    });
  }
  const { signal, timeout, headers, maxRetries, useChunkedUpload, chunkSize, onProgress, onItem } = options;
  const call: CallOptions = { signal, timeout, headers, maxRetries };

  const journal = settings.journal === undefined ? undefined : await CollectionJournal.open(settings.journal);
  try {
    if (journal) {
      await settleInFlight(journal, ops, { collection, project, batchSize: settings.batchSize }, call);
    }
    const run = new CollectionRun(ops, {
      ...settings,
      collection,
      project,
      call,
      fileOptions: { useChunkedUpload, chunkSize },
      keyOf,
      checkEach: !isArray,
      total: isArray && settings.shard === undefined ? (records as UploadRecord[]).length : undefined,
      journal,
      onProgress,
      onItem,
    });
    return await run.run(records);
  } finally {
    await journal?.close();
  }
}
