import * as v from 'valibot';
import { JsonObjectSchema } from './json-object.js';

/** A storage's category (Python enum `StorageCategory`). */
export type StorageCategory = 'internal' | 'external';
export const StorageCategorySchema = v.picklist(['internal', 'external']);

/** Where a storage keeps its files (Python enum `StorageProvider`). */
export type StorageProvider =
  | 'amazon_s3'
  | 'azure'
  | 'digital_ocean'
  | 'file_system'
  | 'ftp'
  | 'sftp'
  | 'minio'
  | 'gcp';
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

/** A storage as `storages/{id}/` returns it (Python model `Storage`: every field required); unknown keys are kept. */
export interface Storage {
  id: number;
  name: string;
  category: StorageCategory;
  provider: StorageProvider;
  /** The provider's settings (a JSON object whose keys depend on the provider). */
  configuration: Record<string, unknown>;
  /** Whether this is the default storage. */
  is_default: boolean;
  [key: string]: unknown;
}
export const StorageSchema = v.looseObject({
  id: v.number(),
  name: v.string(),
  category: StorageCategorySchema,
  provider: StorageProviderSchema,
  configuration: JsonObjectSchema,
  is_default: v.boolean(),
});
