import { AbortError, type CallOptions } from '@synapse/core/internal';
import type { CollectionJournal } from './collection-journal.js';
import type { UploadItemResult } from './collection-results.js';
import type { CreatedTask, DataUnit, UploadedRecord } from './schemas.js';

/** The client calls a batch is made of. */
export interface BatchOperations {
  createDataUnits(records: UploadedRecord[], call: CallOptions): Promise<DataUnit[]>;
  createTasks(tasks: { project: number; data_unit: number }[], call: CallOptions): Promise<CreatedTask[]>;
}

/** What a batch needs of its run. */
export interface BatchContext {
  call: CallOptions;
  journal: CollectionJournal | undefined;
  project: number | undefined;
  /** Reports an item of the batch as final (once; a later call for it does nothing). */
  final: (item: UploadItemResult) => void;
}

/** Why a record failed when the server's reply had nothing for it. */
export const MISSING = {
  data_unit: 'The server returned no data unit for this record',
  task: 'The server returned no task for this data unit',
} as const;

/** A record whose files are uploaded, waiting for its batch. */
export interface Uploaded {
  item: UploadItemResult;
  record: UploadedRecord;
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function fail(
  item: UploadItemResult,
  stage: NonNullable<UploadItemResult['stage']>,
  error: unknown,
): void {
  item.status = 'failed';
  item.stage = stage;
  item.error = toError(error);
}

export function aborted(signal: AbortSignal | undefined): AbortError {
  return new AbortError('The upload of the data collection was aborted', { cause: signal?.reason });
}

/** The run's `AbortError` once the signal is aborted, else the error itself. */
export function abortOr(signal: AbortSignal | undefined, error: unknown): unknown {
  return signal?.aborted ? aborted(signal) : error;
}

/**
 * Creates one batch: the journal's intent line, `POST data_units/`, then — with a project — the journal's `unit`
 * lines, `POST tasks/`, and the `done` lines. A failed request fails the batch's records at its stage; a failed
 * journal write throws (the run stops, and a resumed run decides from the server).
 */
export async function createBatch(
  ops: BatchOperations,
  context: BatchContext,
  batch: Uploaded[],
): Promise<void> {
  const { call, journal, project } = context;
  const fromJournal = batch.map(({ item, record }) => ({ key: item.key, record }));
  let units: DataUnit[];
  if (!call.signal?.aborted) await journal?.intent(fromJournal);
  try {
    call.signal?.throwIfAborted();
    const created = await ops.createDataUnits(
      batch.map(({ record }) => record),
      call,
    );
    units = Array.isArray(created) ? created : [];
  } catch (error) {
    for (const { item } of batch) fail(item, 'data_unit', abortOr(call.signal, error));
    for (const { item } of batch) context.final(item);
    return;
  }
  const made: Uploaded[] = [];
  batch.forEach((entry, k) => {
    const unit = units[k];
    if (unit) {
      entry.item.dataUnit = unit;
      made.push(entry);
    } else fail(entry.item, 'data_unit', new Error(MISSING.data_unit));
  });
  const lines = made.map(({ item }) => ({ key: item.key, dataUnit: (item.dataUnit as DataUnit).id }));
  if (project === undefined) await journal?.finished(lines);
  else {
    await journal?.units(lines);
    await createTasks(ops, context, made, project);
  }
  for (const { item } of batch) context.final(item);
}

/** `POST tasks/` for the batch's new data units, then their `done` lines. */
async function createTasks(
  ops: BatchOperations,
  context: BatchContext,
  made: Uploaded[],
  project: number,
): Promise<void> {
  const { call, journal } = context;
  if (made.length === 0) return;
  let tasks: CreatedTask[];
  try {
    call.signal?.throwIfAborted();
    tasks = await ops.createTasks(
      made.map(({ item }) => ({ project, data_unit: (item.dataUnit as DataUnit).id })),
      call,
    );
  } catch (error) {
    for (const { item } of made) fail(item, 'task', abortOr(call.signal, error));
    return;
  }
  const finished: { key: string; dataUnit: number; task: number }[] = [];
  made.forEach(({ item }, k) => {
    const task = tasks[k];
    if (task) {
      item.task = task;
      finished.push({ key: item.key, dataUnit: (item.dataUnit as DataUnit).id, task: task.id });
    } else fail(item, 'task', new Error(MISSING.task));
  });
  await journal?.finished(finished);
}
