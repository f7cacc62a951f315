import type { CallOptions } from '@synapse/core/internal';
import { type BatchOperations, toError } from './collection-batch.js';
import { type CollectionJournal, type FilesSignature, filesSignature } from './collection-journal.js';
import type { CreatedTask, DataUnit } from './schemas.js';

/** The reads and writes that decide what a killed run left on the server. */
export interface SettleOperations extends Pick<BatchOperations, 'createTasks'> {
  /** Every data unit of the collection, page by page. */
  listDataUnits(collection: number, call: CallOptions): Promise<AsyncIterable<DataUnit>>;
  /** Every task of the project, page by page. */
  listTasks(project: number, call: CallOptions): Promise<AsyncIterable<CreatedTask>>;
}

/**
 * Records sent in a `POST data_units/` whose outcome the journal does not hold (the run was killed, or the
 * request failed, between sending and writing the answer down): a data unit of the collection with the same
 * files (name, checksum and path of each) is theirs. Those found are recorded with its id; the others are
 * forgotten, so they are uploaded again.
 */
async function findInFlightUnits(
  journal: CollectionJournal,
  ops: SettleOperations,
  collection: number,
  call: CallOptions,
): Promise<{ key: string; dataUnit: number }[]> {
  const keysByFiles = new Map<FilesSignature, string[]>();
  for (const [key, signature] of journal.inFlight) {
    keysByFiles.set(signature, [...(keysByFiles.get(signature) ?? []), key]);
  }
  const found: { key: string; dataUnit: number }[] = [];
  for await (const unit of await ops.listDataUnits(collection, call)) {
    const signature = filesSignature(unit.files);
    const keys = keysByFiles.get(signature);
    const key = keys?.shift();
    if (key !== undefined) found.push({ key, dataUnit: unit.id });
    if (keys?.length === 0) keysByFiles.delete(signature);
    if (keysByFiles.size === 0) break;
  }
  journal.inFlight.clear();
  return found;
}

/**
 * Records with a data unit and no task in the journal: a task of the project for their data unit is theirs;
 * the others get one now (`POST tasks/` in batches). A failed creation is kept on the record (it is reported
 * failed at `task` when it comes by, never uploaded again).
 */
async function settleTasks(
  journal: CollectionJournal,
  ops: SettleOperations,
  project: number,
  batchSize: number,
  call: CallOptions,
): Promise<void> {
  const keyByUnit = new Map<number, string>();
  for (const [key, { dataUnit }] of journal.withoutTask) keyByUnit.set(dataUnit, key);
  const found: { key: string; dataUnit: number; task: number }[] = [];
  for await (const task of await ops.listTasks(project, call)) {
    const key = typeof task.data_unit === 'number' ? keyByUnit.get(task.data_unit) : undefined;
    if (key === undefined) continue;
    found.push({ key, dataUnit: task.data_unit as number, task: task.id });
    keyByUnit.delete(task.data_unit as number);
    if (keyByUnit.size === 0) break;
  }
  await journal.finished(found);
  const missing = [...keyByUnit];
  for (let start = 0; start < missing.length; start += batchSize) {
    const batch = missing.slice(start, start + batchSize);
    try {
      const tasks = await ops.createTasks(
        batch.map(([dataUnit]) => ({ project, data_unit: dataUnit })),
        call,
      );
      const made = batch.flatMap(([dataUnit, key], k) => {
        const task = tasks[k];
        return task ? [{ key, dataUnit, task: task.id }] : [];
      });
      await journal.finished(made);
    } catch (error) {
      for (const [dataUnit, key] of batch) journal.withoutTask.set(key, { dataUnit, error: toError(error) });
    }
  }
}

/**
 * Before a resumed run reads its records: settles what the journal left undecided, so that every record is
 * then either finished (skipped), waiting for its task only, or to be uploaded.
 */
export async function settleInFlight(
  journal: CollectionJournal,
  ops: SettleOperations,
  target: { collection: number; project: number | undefined; batchSize: number },
  call: CallOptions,
): Promise<void> {
  const { collection, project, batchSize } = target;
  if (journal.inFlight.size > 0) {
    const found = await findInFlightUnits(journal, ops, collection, call);
    if (project === undefined) await journal.finished(found);
    else await journal.units(found);
  }
  if (project !== undefined && journal.withoutTask.size > 0) {
    await settleTasks(journal, ops, project, batchSize, call);
  }
}
