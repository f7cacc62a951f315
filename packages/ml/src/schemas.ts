import { type FileInput, JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';

const id = v.number();

/** A model (`models/`, `models/{id}/`, `POST models/`); unknown keys are kept. */
export interface Model {
  id: number;
  name?: string;
  /** The model file's URL; with `urlConversion` (`getModel`), the local path of the downloaded file. */
  file?: string | null;
  [key: string]: unknown;
}
export const ModelSchema = v.looseObject({
  id,
  name: v.optional(v.string()),
  file: v.optional(v.nullable(v.string())),
});

/** A model to create: the file to upload and the other fields, sent as given. */
export interface CreateModel {
  /** A path, Blob/File, bytes, or `{ content: stream, size }`; uploaded through the chunked upload. */
  file: FileInput;
  name?: string;
  [key: string]: unknown;
}
/** The shape checked before anything is sent: an object with a `file` (checked as a file on its own). */
export const CreateModelSchema = v.looseObject({
  file: v.custom<FileInput>((value) => value !== undefined && value !== null, 'file is required'),
  // Says what is wrong without quoting the value (it may be a secret).
  name: v.optional(v.string('must be a string')),
});

/** A ground-truth event (`sdk/ground_truth_events/`); unknown keys are kept. */
export interface GroundTruthEvent {
  id: number;
  /**
   * Its files by name: each a URL, or an object with a `url`. With `urlConversion` (`listGroundTruthEvents`),
   * a URL becomes the local path of the downloaded file, and an object's `url` becomes `path`.
   */
  files?: Record<string, unknown>;
  [key: string]: unknown;
}
export const GroundTruthEventSchema = v.looseObject({ id, files: v.optional(JsonObjectSchema) });

/** A ground-truth dataset version (`ground_truth_dataset_versions/{id}/`); unknown keys are kept. */
export interface GroundTruthVersion {
  id: number;
  [key: string]: unknown;
}
export const GroundTruthVersionSchema = v.looseObject({ id });
