import { AbortError, type CallOptions, mapLimit, parseInput, ValidationError } from '@synapse/core/internal';
import * as v from 'valibot';
import type { UploadDataCollectionOptions, UploadDataFileOptions } from './options.js';
import {
  type CreatedTask,
  type DataUnit,
  IdSchema,
  type UploadedRecord,
  type UploadRecord,
  UploadRecordSchema,
} from './schemas.js';

/** What happened to one record of `uploadDataCollection`. */
export interface UploadItemResult {
  /** The record's index in the list given. */
  index: number;
  /** `created` when every step went through; `failed` otherwise (see `stage` and `error`). */
  status: 'created' | 'failed';
  /** The record as sent to `data_units/` (files replaced by `{ checksum, path }`), once its files are uploaded. */
  record?: UploadedRecord;
  dataUnit?: DataUnit;
  /** The task created for the data unit (only with a project id). */
  task?: CreatedTask;
  /** The step that failed: uploading the files, creating the data unit, or creating the task. */
  stage?: 'upload' | 'data_unit' | 'task';
  error?: Error;
}

/** The outcome of `uploadDataCollection`: every record, in the order given. */
export interface UploadCollectionResult {
  items: UploadItemResult[];
  created: number;
  failed: number;
}

/** The client calls the bulk upload is made of. */
export interface CollectionOperations {
  uploadDataFile(
    record: UploadRecord,
    collection: number,
    options: UploadDataFileOptions,
  ): Promise<UploadedRecord>;
  createDataUnits(records: UploadedRecord[], call: CallOptions): Promise<DataUnit[]>;
  createTasks(tasks: { project: number; data_unit: number }[], call: CallOptions): Promise<CreatedTask[]>;
}

const CountSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const RecordsSchema = v.array(UploadRecordSchema);

function checkOptions(options: UploadDataCollectionOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('options must be an object', { argument: 'options' });
  }
  const batchSize = parseInput(CountSchema, options.batchSize ?? 1000, 'batchSize');
  const concurrency = parseInput(CountSchema, options.concurrency ?? 8, 'concurrency');
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new ValidationError('onProgress must be a function', { argument: 'onProgress' });
  }
  return { batchSize, concurrency };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function fail(item: UploadItemResult, stage: NonNullable<UploadItemResult['stage']>, error: unknown): void {
  item.status = 'failed';
  item.stage = stage;
  item.error = toError(error);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new AbortError('The upload of the data collection was aborted', { cause: signal.reason });
}

const MISSING = {
  data_unit: 'The server returned no data unit for this record',
  task: 'The server returned no task for this data unit',
} as const;

/**
 * One batch request that creates a thing per item (`create` returns them in order): each item gets its own, or
 * fails at `stage` when the server returned none for it; a failed request fails every item of the batch.
 */
async function createForEach(
  batch: UploadItemResult[],
  stage: 'data_unit' | 'task',
  signal: AbortSignal | undefined,
  create: () => Promise<unknown[]>,
): Promise<void> {
  const key = stage === 'data_unit' ? 'dataUnit' : 'task';
  try {
    throwIfAborted(signal);
    const created = await create();
    batch.forEach((item, k) => {
      const made = created[k];
      if (made) Object.assign(item, { [key]: made });
      else fail(item, stage, new Error(MISSING[stage]));
    });
  } catch (error) {
    for (const item of batch) fail(item, stage, error);
  }
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Python `upload_data_collection`, with a per-record report instead of `None`. */
export async function uploadCollection(
  ops: CollectionOperations,
  input: {
    dataCollectionId: number;
    dataCollection: UploadRecord[];
    projectId: number | undefined;
    options: UploadDataCollectionOptions;
  },
): Promise<UploadCollectionResult> {
  const collection = parseInput(IdSchema, input.dataCollectionId, 'dataCollectionId');
  parseInput(RecordsSchema, input.dataCollection, 'dataCollection');
  const project =
    input.projectId === undefined || input.projectId === null
      ? undefined
      : parseInput(IdSchema, input.projectId, 'projectId');
  const { options } = input;
  const { batchSize, concurrency } = checkOptions(options);
  const { signal, timeout, headers, maxRetries, useChunkedUpload, chunkSize, onProgress } = options;
  const call: CallOptions = { signal, timeout, headers, maxRetries };
  const records = input.dataCollection;
  const items: UploadItemResult[] = records.map((_, index) => ({ index, status: 'created' }));

  let uploadsDone = 0;
  onProgress?.({ phase: 'upload', done: 0, total: items.length });
  await mapLimit(items, concurrency, async (item) => {
    try {
      throwIfAborted(signal);
      const fileOptions = { ...call, useChunkedUpload, chunkSize };
      item.record = await ops.uploadDataFile(records[item.index] as UploadRecord, collection, fileOptions);
    } catch (error) {
      fail(item, 'upload', error);
    }
    onProgress?.({ phase: 'upload', done: ++uploadsDone, total: items.length });
  });

  const uploaded = items.filter((item) => item.status === 'created');
  let unitsDone = 0;
  let tasksDone = 0;
  for (const batch of batches(uploaded, batchSize)) {
    await createForEach(batch, 'data_unit', signal, async () => {
      const units = await ops.createDataUnits(
        batch.map((item) => item.record as UploadedRecord),
        call,
      );
      return Array.isArray(units) ? units : [];
    });
    unitsDone += batch.length;
    onProgress?.({ phase: 'data_units', done: unitsDone, total: uploaded.length });
    if (project === undefined) continue;

    const withUnits = batch.filter((item) => item.dataUnit !== undefined);
    if (withUnits.length > 0) {
      await createForEach(withUnits, 'task', signal, () =>
        ops.createTasks(
          withUnits.map((item) => ({ project, data_unit: (item.dataUnit as DataUnit).id })),
          call,
        ),
      );
    }
    tasksDone += batch.length;
    onProgress?.({ phase: 'tasks', done: tasksDone, total: uploaded.length });
  }

  const created = items.filter((item) => item.status === 'created').length;
  return { items, created, failed: items.length - created };
}
