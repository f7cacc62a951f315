import { type FileInput, JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';

const id = v.number();
const optionalId = v.optional(v.nullable(v.number()));

/** An id sent in a request body: a whole number ≥ 1. */
export const IdSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(1));

/** A file specification of a data collection (expanded by `getDataCollection`); unknown keys are kept. */
export interface FileSpecification {
  id: number;
  name?: string;
  [key: string]: unknown;
}
export const FileSpecificationSchema = v.looseObject({ id, name: v.optional(v.string()) });
// Typed by its interface, so that a collection's `file_specifications` read as `FileSpecification`.
const fileSpecification: v.GenericSchema<unknown, FileSpecification> = FileSpecificationSchema;

/** A data collection (`data_collections/`, `data_collections/{id}/`); unknown keys are kept. */
export interface DataCollection {
  id: number;
  name?: string;
  /** Objects when expanded (`getDataCollection` asks for it), else their ids (`listDataCollection`). */
  file_specifications?: (FileSpecification | number)[];
  [key: string]: unknown;
}
export const DataCollectionSchema = v.looseObject({
  id,
  name: v.optional(v.string()),
  file_specifications: v.optional(v.array(v.union([fileSpecification, v.number()]))),
});

/** A data file (`POST data_files/`); unknown keys are kept. */
export interface DataFile {
  id: number;
  /** What a data unit's `files` entries refer to (`{ checksum, path }`). */
  checksum: string;
  [key: string]: unknown;
}
export const DataFileSchema = v.looseObject({ id, checksum: v.string() });

/** A data unit (`data_units/`, `data_units/{id}/`, `POST data_units/`); unknown keys are kept. */
export interface DataUnit {
  id: number;
  /** The id of the data collection the unit belongs to. */
  data_collection?: number | null;
  /**
   * Its files by specification name: each a URL, or an object with a `url`. With `urlConversion`
   * (`listDataUnits`), a URL becomes the local path of the downloaded file, and an object's `url` becomes `path`.
   */
  files?: Record<string, unknown>;
  /** What the unit was created with as `meta`, as the server returns it. */
  meta?: unknown;
  [key: string]: unknown;
}
export const DataUnitSchema = v.looseObject({
  id,
  data_collection: optionalId,
  files: v.optional(JsonObjectSchema),
  meta: v.optional(v.unknown()),
});

/** A file of a data unit to create: the checksum of a data file (`createDataFile`) and its path. */
export interface CreateDataUnitFile {
  checksum: string;
  path?: string;
  [key: string]: unknown;
}
export const CreateDataUnitFileSchema = v.looseObject({
  checksum: v.string(),
  // Says what is wrong without quoting the value (it may be a secret).
  path: v.optional(v.string('must be a string')),
});
const createDataUnitFile: v.GenericSchema<CreateDataUnitFile> = CreateDataUnitFileSchema;

/** One data unit to create: its collection, its files by specification name, and meta. */
export interface CreateDataUnit {
  /** The id of the data collection. */
  data_collection: number;
  files?: Record<string, CreateDataUnitFile>;
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}
export const CreateDataUnitSchema = v.looseObject({
  data_collection: IdSchema,
  files: v.optional(v.record(v.string(), createDataUnitFile)),
  meta: v.optional(JsonObjectSchema),
});

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

/** The server's answer to `data_files/verify_checksums/`: a JSON object whose keys the API does not promise. */
export interface VerifyChecksumsResult {
  [key: string]: unknown;
}
export const VerifyChecksumsResultSchema = JsonObjectSchema;

/** A record to upload (`uploadDataFile`, `uploadDataCollection`): its files by specification name, and more. */
export interface UploadRecord {
  /** A path (Node), a `Blob`/`File`, bytes, or `{ content, filename?, size? }` per name. */
  files: Record<string, FileInput>;
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}
/** The shape of an upload record: an object whose `files` is an object (each file is checked on its own). */
export const UploadRecordSchema = v.looseObject({
  files: v.record(
    v.string(),
    v.custom<FileInput>((value) => value !== undefined && value !== null, 'a file is required'),
  ),
  meta: v.optional(JsonObjectSchema),
});

/** An uploaded record, ready for `createDataUnits`: each file replaced by `{ checksum, path }`. */
export interface UploadedRecord {
  files: Record<string, { checksum: string; path: string }>;
  /** The id of the data collection. */
  data_collection: number;
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * A task `uploadDataCollection` created for a data unit (`POST tasks/` with `{ project, data_unit }`); unknown
 * keys are kept. A task as `@synapse/annotation` reads it is its `Task`.
 */
export interface CreatedTask {
  id: number;
  /** The id of the project. */
  project?: number | null;
  /** The id of the data unit. */
  data_unit?: number | null;
  [key: string]: unknown;
}
export const CreatedTaskSchema = v.looseObject({ id, project: optionalId, data_unit: optionalId });
