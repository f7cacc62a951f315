import type { DataCollectionClient, UploadRecord } from '@synapse/data';

// The bulk upload's contract (`uploadDataCollection` with streamed records, journal, shard, progress and
// per-record events), written down here until @synapse/data ships it; then these types come from there.

/** Progress of a collection upload. */
export interface BulkProgress {
  done: number;
  failed: number;
  skipped: number;
  bytes: number;
  rate: number;
  total?: number;
}

/** One record's final outcome. */
export interface BulkItem {
  index: number;
  key: string;
  status: 'created' | 'failed' | 'skipped';
  dataUnit?: { id: number };
  task?: { id: number };
  stage?: string;
  error?: Error;
}

/** Options of a streamed collection upload. */
export interface BulkOptions {
  concurrency?: number;
  batchSize?: number;
  signal?: AbortSignal;
  journal?: string;
  shard?: { index: number; count: number };
  key?: (record: UploadRecord) => string;
  window?: number;
  onProgress?: (progress: BulkProgress) => void;
  onItem?: (item: BulkItem) => void;
}

/** What the upload resolves to. */
export interface BulkResult {
  created: number;
  failed: number;
}

/** `uploadDataCollection` as the contract has it. */
export type BulkUpload = (
  dataCollectionId: number,
  records: Iterable<UploadRecord> | AsyncIterable<UploadRecord>,
  projectId: number | undefined,
  options: BulkOptions,
) => Promise<BulkResult>;

/** The client's `uploadDataCollection`, typed by the contract. */
export function bulkUpload(client: DataCollectionClient): BulkUpload {
  return client.uploadDataCollection.bind(client) as unknown as BulkUpload;
}
