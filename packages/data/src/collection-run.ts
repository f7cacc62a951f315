import type { CallOptions } from '@synapse/core/internal';
import { parseInput } from '@synapse/core/internal';
import {
  aborted,
  abortOr,
  type BatchContext,
  type BatchOperations,
  createBatch,
  fail,
  MISSING,
  type Uploaded,
} from './collection-batch.js';
import type { CollectionJournal } from './collection-journal.js';
import type { UploadCollectionResult, UploadItemResult } from './collection-results.js';
import type { CollectionProgress, CollectionShard, UploadDataFileOptions } from './options.js';
import { inShard } from './record-key.js';
import { type RecordSource, recordSource } from './record-source.js';
import { type UploadedRecord, type UploadRecord, UploadRecordSchema } from './schemas.js';

/** The client calls a run is made of. */
export interface RunOperations extends BatchOperations {
  uploadDataFile(
    record: UploadRecord,
    collection: number,
    options: UploadDataFileOptions,
  ): Promise<UploadedRecord>;
}

/** What a run is given, checked. */
export interface RunSettings {
  collection: number;
  project: number | undefined;
  batchSize: number;
  concurrency: number;
  window: number;
  shard: CollectionShard | undefined;
  call: CallOptions;
  fileOptions: Pick<UploadDataFileOptions, 'useChunkedUpload' | 'chunkSize'>;
  keyOf: (record: UploadRecord, index: number) => string;
  /** Arrays were checked whole before the run; records streamed in are checked one by one. */
  checkEach: boolean;
  total: number | undefined;
  journal: CollectionJournal | undefined;
  onProgress: ((progress: CollectionProgress) => void) | undefined;
  onItem: ((item: UploadItemResult) => void) | undefined;
}

/**
 * With uploaded records waiting, no upload in flight and the input silent this long, the waiting records go as a
 * batch: a slow trickle of records is not held back until a batch fills.
 */
const IDLE_FLUSH_MS = 100;

/**
 * One `uploadDataCollection` run, as a pipeline: records are pulled while fewer than `window` are held and fewer
 * than `concurrency` upload; uploaded records gather into batches of `batchSize`, created one batch at a time
 * (`POST data_units/`, then `POST tasks/`) while the next files upload. A batch goes out when it is full, when the
 * input has ended or the window is full and no upload is in flight, or when the input has been silent for a while.
 */
export class CollectionRun {
  readonly #ops: RunOperations;
  readonly #settings: RunSettings;
  readonly #items: UploadItemResult[] | undefined;
  readonly #progress = { done: 0, failed: 0, skipped: 0, bytes: 0 };
  readonly #startedAt = performance.now();
  /** Keys of the records held, to refuse a second record with the same key (journal runs only). */
  readonly #heldKeys = new Set<string>();
  /** Records pulled and not yet final: at most `window`. */
  readonly #heldItems = new WeakSet<UploadItemResult>();
  /** Items already reported, so a journal failure reports only those its batch left open. */
  readonly #finalItems = new WeakSet<UploadItemResult>();
  #held = 0;
  #uploading = 0;
  #ready: Uploaded[] = [];
  #batches: Promise<void> = Promise.resolve();
  #fatal: { error: unknown } | undefined;
  #waitingForInput = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;

  readonly #batchContext: BatchContext;

  constructor(ops: RunOperations, settings: RunSettings) {
    this.#ops = ops;
    this.#settings = settings;
    const { call, journal, project } = settings;
    this.#batchContext = { call, journal, project, final: (item) => this.#final(item) };
    this.#items = settings.onItem ? undefined : [];
  }

  async run(records: Iterable<UploadRecord> | AsyncIterable<UploadRecord>): Promise<UploadCollectionResult> {
    const { signal } = this.#settings.call;
    const onAbort = () => this.#notify();
    signal?.addEventListener('abort', onAbort);
    this.#report();
    try {
      await this.#pullAll(records);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#stopIdleTimer();
    }
    const { done, failed, skipped } = this.#progress;
    const items = (this.#items ?? []).sort((a, b) => a.index - b.index);
    return { items, created: done, failed, skipped };
  }

  async #pullAll(records: Iterable<UploadRecord> | AsyncIterable<UploadRecord>): Promise<void> {
    const { window, concurrency, call } = this.#settings;
    const source = recordSource(records);
    let index = 0;
    let ended = false;
    while (!call.signal?.aborted && this.#fatal === undefined) {
      if (!ended && this.#held < window && this.#uploading < concurrency) {
        let pulled: IteratorResult<UploadRecord> | undefined;
        try {
          pulled = await this.#pull(source);
        } catch (error) {
          this.#fatal = { error };
          break;
        }
        if (pulled === undefined) break;
        if (pulled.done) ended = true;
        else this.#admit(pulled.value, index++);
        continue;
      }
      if (ended && this.#held === 0) break;
      if (this.#uploading === 0 && this.#ready.length > 0) this.#flush(this.#ready.length);
      await this.#changed();
    }
    if (!ended) source.stop();
    // Whatever stopped the run, what is in flight ends first, so the journal holds every outcome there is.
    while (this.#uploading > 0) await this.#changed();
    if (!call.signal?.aborted && this.#ready.length > 0) this.#flush(this.#ready.length);
    await this.#batches;
    for (const { item } of this.#ready.splice(0)) {
      fail(item, 'data_unit', aborted(call.signal));
      this.#final(item);
    }
    if (call.signal?.aborted) throw aborted(call.signal);
    if (this.#fatal) throw this.#fatal.error;
  }

  #changed(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
  }

  /** The next record; `undefined` when the run was aborted while the input was silent. */
  async #pull(source: RecordSource<UploadRecord>): Promise<IteratorResult<UploadRecord> | undefined> {
    const { signal } = this.#settings.call;
    this.#waitingForInput = true;
    this.#armIdleFlush();
    let onAbort: (() => void) | undefined;
    const abort = new Promise<undefined>((resolve) => {
      onAbort = () => resolve(undefined);
      signal?.addEventListener('abort', onAbort);
    });
    try {
      return await Promise.race([source.next(), abort]);
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      this.#waitingForInput = false;
      this.#stopIdleTimer();
    }
  }

  #armIdleFlush(): void {
    if (this.#idleTimer !== undefined || !this.#waitingForInput) return;
    if (this.#uploading > 0 || this.#ready.length === 0) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#waitingForInput && this.#uploading === 0) this.#flush(this.#ready.length);
    }, IDLE_FLUSH_MS);
  }

  #stopIdleTimer(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #admit(record: UploadRecord, index: number): void {
    const { keyOf, shard, journal, checkEach } = this.#settings;
    let key: string;
    try {
      if (checkEach) parseInput(UploadRecordSchema, record, `dataCollection[${index}]`);
      key = keyOf(record, index);
    } catch (error) {
      const item: UploadItemResult = { index, key: `#${index}`, status: 'failed' };
      fail(item, 'upload', error);
      this.#final(item);
      return;
    }
    if (!inShard(key, shard)) return;
    const item: UploadItemResult = { index, key, status: 'created' };
    if (journal?.done.has(key)) {
      item.status = 'skipped';
      this.#final(item);
      return;
    }
    const withoutTask = journal?.withoutTask.get(key);
    if (withoutTask) {
      item.dataUnit = { id: withoutTask.dataUnit };
      fail(item, 'task', withoutTask.error ?? new Error(MISSING.task));
      this.#final(item);
      return;
    }
    if (journal && this.#heldKeys.has(key)) {
      fail(item, 'upload', new Error(`Another record with the key ${JSON.stringify(key)} is being uploaded`));
      this.#final(item);
      return;
    }
    if (journal) this.#heldKeys.add(key);
    this.#heldItems.add(item);
    this.#held++;
    this.#uploading++;
    void this.#upload(record, item);
  }

  async #upload(record: UploadRecord, item: UploadItemResult): Promise<void> {
    const { collection, call, fileOptions } = this.#settings;
    const loaded = new Map<string, number>();
    try {
      call.signal?.throwIfAborted();
      const uploaded = await this.#ops.uploadDataFile(record, collection, {
        ...call,
        ...fileOptions,
        onProgress: ({ name, loaded: now }) => {
          const delta = now - (loaded.get(name) ?? 0);
          loaded.set(name, now);
          if (delta > 0) {
            this.#progress.bytes += delta;
            this.#report();
          }
        },
      });
      item.record = uploaded;
      this.#ready.push({ item, record: uploaded });
    } catch (error) {
      fail(item, 'upload', abortOr(this.#settings.call.signal, error));
      this.#final(item);
    } finally {
      this.#uploading--;
      if (this.#ready.length >= this.#settings.batchSize) this.#flush(this.#settings.batchSize);
      this.#armIdleFlush();
      this.#notify();
    }
  }

  /** Queues the first `count` uploaded records as a batch (several batches when `count` exceeds `batchSize`). */
  #flush(count: number): void {
    const { batchSize } = this.#settings;
    const taken = this.#ready.splice(0, count);
    for (let start = 0; start < taken.length; start += batchSize) {
      const batch = taken.slice(start, start + batchSize);
      this.#batches = this.#batches.then(async () => {
        try {
          await createBatch(this.#ops, this.#batchContext, batch);
        } catch (error) {
          // Only the journal throws here: the run stops, and what it could not write is decided on resume.
          this.#fatal ??= { error };
          for (const { item } of batch) this.#final(item, error);
        } finally {
          this.#notify();
        }
      });
    }
  }

  /** Reports an item as final; the record leaves the window. */
  #final(item: UploadItemResult, journalError?: unknown): void {
    if (this.#finalItems.has(item)) return;
    if (journalError !== undefined) fail(item, 'data_unit', journalError);
    this.#finalItems.add(item);
    if (this.#heldItems.delete(item)) {
      this.#held--;
      this.#heldKeys.delete(item.key);
    }
    if (item.status === 'created') this.#progress.done++;
    else if (item.status === 'failed') this.#progress.failed++;
    else this.#progress.skipped++;
    this.#items?.push(item);
    const { onItem } = this.#settings;
    if (onItem) this.#callBack(() => onItem(item));
    this.#report();
  }

  /** Runs a caller's callback: one that throws stops the run, which rejects with its error once in-flight work ends. */
  #callBack(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.#fatal ??= { error };
      this.#notify();
    }
  }

  #report(): void {
    const { onProgress, total } = this.#settings;
    if (!onProgress) return;
    const seconds = (performance.now() - this.#startedAt) / 1000;
    const { bytes } = this.#progress;
    const progress: CollectionProgress = { ...this.#progress, rate: seconds > 0 ? bytes / seconds : 0 };
    if (total !== undefined) progress.total = total;
    this.#callBack(() => onProgress(progress));
  }
}
