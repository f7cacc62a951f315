import type { FileInput } from '@synapse/core';
import * as v from 'valibot';

const id = v.number();

/** A model (`models/`); `file` is its URL, or a local path after URL conversion. Unknown keys are kept. */
export const ModelSchema = v.looseObject({
  id,
  name: v.optional(v.string()),
  file: v.optional(v.nullable(v.string())),
});
export type Model = v.InferOutput<typeof ModelSchema>;

/** A model to create: the file to upload and the other fields, sent as given. */
export interface CreateModel {
  /** A path, Blob/File, bytes, or `{ content: stream, size }`; uploaded through the chunked upload. */
  file: FileInput;
  name?: string;
  [key: string]: unknown;
}

/** The shape checked before anything is sent: an object with a `file`. */
export const CreateModelSchema = v.looseObject({
  file: v.custom<FileInput>((value) => value !== undefined && value !== null, 'file is required'),
});

/** A ground-truth event (`sdk/ground_truth_events/`); unknown keys are kept. */
export const GroundTruthEventSchema = v.looseObject({
  id,
  files: v.optional(v.record(v.string(), v.unknown())),
});
export type GroundTruthEvent = v.InferOutput<typeof GroundTruthEventSchema>;

/** A ground-truth dataset version (`ground_truth_dataset_versions/{id}/`); unknown keys are kept. */
export const GroundTruthVersionSchema = v.looseObject({ id });
export type GroundTruthVersion = v.InferOutput<typeof GroundTruthVersionSchema>;
