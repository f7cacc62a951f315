import type { FileInput } from '@synapse/core';
import * as v from 'valibot';

const id = v.number();

/** An id sent in a request body: a whole number ≥ 1. */
export const IdSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(1));

/** A file specification of a data collection (expanded by `getDataCollection`). */
export const FileSpecificationSchema = v.looseObject({ id, name: v.optional(v.string()) });
export type FileSpecification = v.InferOutput<typeof FileSpecificationSchema>;

/** A data collection; `file_specifications` are objects when expanded, else ids. Unknown keys are kept. */
export const DataCollectionSchema = v.looseObject({
  id,
  name: v.optional(v.string()),
  file_specifications: v.optional(v.array(v.union([FileSpecificationSchema, v.number()]))),
});
export type DataCollection = v.InferOutput<typeof DataCollectionSchema>;

/** A data file (`data_files/`): `checksum` is what data units refer to. Unknown keys are kept. */
export const DataFileSchema = v.looseObject({ id, checksum: v.string() });
export type DataFile = v.InferOutput<typeof DataFileSchema>;

/** A data unit (`data_units/`); unknown keys are kept. */
export const DataUnitSchema = v.looseObject({
  id,
  data_collection: v.optional(v.nullable(v.number())),
  files: v.optional(v.record(v.string(), v.unknown())),
  meta: v.optional(v.unknown()),
});
export type DataUnit = v.InferOutput<typeof DataUnitSchema>;

/** One data unit to create: its collection, its files (`{ name: { checksum, path } }`) and meta. */
export const CreateDataUnitSchema = v.looseObject({
  data_collection: IdSchema,
  files: v.optional(v.record(v.string(), v.looseObject({ checksum: v.string() }))),
  meta: v.optional(v.record(v.string(), v.unknown())),
});
export type CreateDataUnit = v.InferInput<typeof CreateDataUnitSchema>;

/** `createDataUnits` takes one data unit or a list (bulk create). */
export const CreateDataUnitsSchema = v.union([
  CreateDataUnitSchema,
  v.pipe(v.array(CreateDataUnitSchema), v.minLength(1)),
]);

/** The checksums for `dataFilesVerifyChecksums`: a non-empty list of non-empty strings. */
export const ChecksumsSchema = v.pipe(
  v.array(v.pipe(v.string(), v.nonEmpty('a checksum must not be empty'))),
  v.minLength(1, 'at least one checksum is required'),
);

/** The server's answer to `data_files/verify_checksums/`; unknown keys are kept. */
export const VerifyChecksumsResultSchema = v.looseObject({});
export type VerifyChecksumsResult = v.InferOutput<typeof VerifyChecksumsResultSchema>;

/** A record to upload: its files by specification name (path, Blob, bytes or stream) and other fields. */
export interface UploadRecord {
  files: Record<string, FileInput>;
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An uploaded record, ready for `createDataUnits`: each file replaced by `{ checksum, path }`. */
export interface UploadedRecord {
  files: Record<string, { checksum: string; path: string }>;
  data_collection: number;
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The shape of an upload record: an object whose `files` is an object (each file is checked on its own). */
export const UploadRecordSchema = v.looseObject({
  files: v.record(v.string(), v.unknown()),
});

/** A task created by `uploadDataCollection` (`POST tasks/`); unknown keys are kept. */
export const TaskSchema = v.looseObject({
  id,
  project: v.optional(v.nullable(v.number())),
  data_unit: v.optional(v.nullable(v.number())),
});
export type Task = v.InferOutput<typeof TaskSchema>;
