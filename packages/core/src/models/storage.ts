import * as v from 'valibot';
import { JsonObjectSchema } from './json-object.js';

// `@__PURE__` on each schema call lets a bundler drop the schemas an app never uses.

export const StorageCategorySchema = /* @__PURE__ */ v.picklist(['internal', 'external']);
export type StorageCategory = v.InferOutput<typeof StorageCategorySchema>;

export const StorageProviderSchema = /* @__PURE__ */ v.picklist([
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
export const StorageSchema = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.number(),
  name: /* @__PURE__ */ v.string(),
  category: StorageCategorySchema,
  provider: StorageProviderSchema,
  configuration: JsonObjectSchema,
  is_default: /* @__PURE__ */ v.boolean(),
});
export type Storage = v.InferOutput<typeof StorageSchema>;
