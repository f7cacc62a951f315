export * from '@synapse/core';
export { DataCollectionClient } from './data-collection-client.js';
export {
  CHUNKED_UPLOAD_THRESHOLD,
  type CollectionProgress,
  type CreateDataFileOptions,
  type UploadDataCollectionOptions,
  type UploadDataFileOptions,
} from './options.js';
export * from './schemas.js';
export type {
  CollectionOperations,
  UploadCollectionResult,
  UploadItemResult,
} from './upload-collection.js';
