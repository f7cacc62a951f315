import {
  type CallOptions,
  type ChunkedUploadOptions,
  DEFAULT_CHUNK_SIZE,
  type UploadProgress,
} from '@synapse/core/internal';
import type { UploadItemResult } from './collection-results.js';
import type { UploadRecord } from './schemas.js';

/** Without `useChunkedUpload`, files larger than this (50 MiB) go through the chunked upload. */
export const CHUNKED_UPLOAD_THRESHOLD = DEFAULT_CHUNK_SIZE;

/** Options of `createDataFile`. */
export interface CreateDataFileOptions
  extends CallOptions,
    Pick<ChunkedUploadOptions, 'chunkSize' | 'onUploadUrl' | 'resumeUrl'> {
  /**
   * `true`: chunked upload then `POST data_files/` with its id; `false`: one multipart `POST data_files/`.
   * Default: chunked for files over 50 MiB (when the size is known), multipart otherwise.
   */
  useChunkedUpload?: boolean;
  /** Bytes the server has accepted (per chunk for a chunked upload; at start and end for a multipart one). */
  onProgress?: (progress: UploadProgress) => void;
}

/** Options of `uploadDataFile`: those of `createDataFile`, with progress naming the file. */
export interface UploadDataFileOptions
  extends Omit<CreateDataFileOptions, 'onUploadUrl' | 'resumeUrl' | 'onProgress'> {
  /** Bytes accepted of the file under `name` in `data.files`. */
  onProgress?: (progress: UploadProgress & { name: string }) => void;
}

/** What `uploadDataCollection` reports as it goes: after each record's outcome and as file bytes are accepted. */
export interface CollectionProgress {
  /** Records finished: their data unit (and, with a project, their task) created. */
  done: number;
  /** Records that failed at some stage (see each `UploadItemResult`). */
  failed: number;
  /** Records the journal says an earlier run finished. */
  skipped: number;
  /** File bytes the server has accepted so far, in this run. */
  bytes: number;
  /** `bytes` per second since the run started. */
  rate: number;
  /** The number of records, known only when they came as an array (and no `shard` is set). */
  total?: number;
}

/** Which share of the records a run takes: `index` of `count` (`0 <= index < count`). */
export interface CollectionShard {
  /** This run's share, a whole number from 0 to `count - 1`. */
  index: number;
  /** How many shards the records are split into (the same on every machine). */
  count: number;
}

/**
 * Options of `uploadDataCollection`. A run holds at most `window` records at once, whatever their number, and
 * with `onItem` keeps no per-record list: memory stays flat for any number of records streamed in.
 */
export interface UploadDataCollectionOptions
  extends Pick<CallOptions, 'signal' | 'timeout' | 'headers' | 'maxRetries'>,
    Pick<CreateDataFileOptions, 'useChunkedUpload' | 'chunkSize'> {
  /** Data units per `POST data_units/` (and tasks per `POST tasks/`). Default 1000. */
  batchSize?: number;
  /** Records whose files upload at once. Default 8. */
  concurrency?: number;
  /**
   * Records held in memory at once: pulled from the input and not yet final (uploading, uploaded and waiting for
   * their batch, or in a batch being created). Default `max(2 * batchSize, 4 * concurrency)`: one batch is being
   * created while the next one's files upload. Below `batchSize`, a batch is sent when the window is full and no
   * upload is in flight.
   */
  window?: number;
  /**
   * The path of a journal file (Node, Bun and Deno; elsewhere a `ValidationError` before any request). Each
   * finished record is appended as a line with its key and the ids the server gave; a run started again with the
   * same journal skips those records and uploads each of the others once, even after a kill at any moment. See
   * the package README for the lines and how a record that was in flight at the kill is decided.
   */
  journal?: string;
  /**
   * Take only this share of the records: those whose key hashes (FNV-1a, 32-bit, of its UTF-8 bytes) to `index`
   * modulo `count`. Machines given the same records and `count` and each its own `index` split them with no
   * overlap and no coordination (each with its own journal). Records of other shards are not read further (their
   * files are not opened) and are not reported.
   */
  shard?: CollectionShard;
  /**
   * A record's identity, for the journal and the shard: a non-empty string, the same in every run. Default: its
   * files' paths with their specification names, sorted by name (`[["image_1","/data/a.jpg"]]`). With a
   * `journal` or a `shard`, a record with a file that is not a path needs `key` (without it the record is
   * refused with a `ValidationError`: before any request when the records are an array).
   */
  key?: (record: UploadRecord) => string;
  /** Called after each record's outcome, and as file bytes are accepted. */
  onProgress?: (progress: CollectionProgress) => void;
  /**
   * Called with each record's outcome as soon as it is final (created, failed or skipped). With `onItem`, the
   * result's `items` stays empty (the outcomes are not collected), so memory does not grow with the records.
   */
  onItem?: (item: UploadItemResult) => void;
}
