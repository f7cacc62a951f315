import type { CreatedTask, DataUnit, UploadedRecord } from './schemas.js';

/** What happened to one record of `uploadDataCollection`. */
export interface UploadItemResult {
  /** The record's position in the records given (counting those of other shards). */
  index: number;
  /** The record's identity for the journal and the shard (see the `key` option). */
  key: string;
  /**
   * `created` when every step went through; `failed` otherwise (see `stage` and `error`); `skipped` when the
   * journal says an earlier run finished it.
   */
  status: 'created' | 'failed' | 'skipped';
  /** The record as sent to `data_units/` (files replaced by `{ checksum, path }`), once its files are uploaded. */
  record?: UploadedRecord;
  dataUnit?: DataUnit;
  /** The task created for the data unit (only with a project id). */
  task?: CreatedTask;
  /** The step that failed: uploading the files, creating the data unit, or creating the task. */
  stage?: 'upload' | 'data_unit' | 'task';
  error?: Error;
}

/**
 * The outcome of `uploadDataCollection`: every record of this run's share, in the order given (empty with
 * `onItem`, which receives them instead), and the counts.
 */
export interface UploadCollectionResult {
  items: UploadItemResult[];
  created: number;
  failed: number;
  /** Records the journal says an earlier run finished. */
  skipped: number;
}
