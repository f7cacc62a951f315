import * as v from 'valibot';
import { JsonObjectSchema } from './json-object.js';

export const StorageCategorySchema = v.picklist(['internal', 'external']);
export type StorageCategory = v.InferOutput<typeof StorageCategorySchema>;

export const StorageProviderSchema = v.picklist([
  'amazon_s3',
  'azure',
  'digital_ocean',
  'file_system',
  'ftp',
  'sftp',
  'minio',
  'gcp',
]);
export type StorageProvider = v.InferOutput<typeof StorageProviderSchema>;

/** A storage as `storages/{id}/` returns it (Python model `Storage`); unknown keys are kept. */
export const StorageSchema = v.looseObject({
  id: v.number(),
  name: v.string(),
  category: StorageCategorySchema,
  provider: StorageProviderSchema,
  configuration: JsonObjectSchema,
  is_default: v.boolean(),
});
export type Storage = v.InferOutput<typeof StorageSchema>;
