import {
  type CallOptions,
  type ChunkedUploadOptions,
  DEFAULT_CHUNK_SIZE,
  type UploadProgress,
} from '@synapse/core/internal';

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

/** What `uploadDataCollection` reports as it goes. */
export interface CollectionProgress {
  /** `upload`: records whose files are uploaded; `data_units`: records turned into data units; `tasks`: tasks. */
  phase: 'upload' | 'data_units' | 'tasks';
  /** Items finished in this phase (created or failed). */
  done: number;
  /** Items this phase will handle. */
  total: number;
}

/** Options of `uploadDataCollection`. */
export interface UploadDataCollectionOptions
  extends Pick<CallOptions, 'signal' | 'timeout' | 'headers' | 'maxRetries'>,
    Pick<CreateDataFileOptions, 'useChunkedUpload' | 'chunkSize'> {
  /** Data units per `POST data_units/` (and tasks per `POST tasks/`). Default 1000. */
  batchSize?: number;
  /** Records uploaded at once. Default 8. */
  concurrency?: number;
  /** Called after each record of each phase. */
  onProgress?: (progress: CollectionProgress) => void;
}
