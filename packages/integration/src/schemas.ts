import { type FileInput, StorageCategorySchema, StorageProviderSchema } from '@synapse/core';
import * as v from 'valibot';

const id = v.number();

/** A JSON object argument (not a list, not `null`), checked with core's `JsonObjectSchema`. */
export type JsonObject = Record<string, unknown>;

/** What `agents/{token}/connect/` answers; unknown keys are kept. */
export type AgentConnection = Record<string, unknown>;

/** A plugin (`plugins/{id}/`); unknown keys are kept. */
export const PluginSchema = v.looseObject({
  id,
  code: v.optional(v.string()),
  name: v.optional(v.string()),
  category: v.optional(v.string()),
});
export type Plugin = v.InferOutput<typeof PluginSchema>;

/** The reply of `plugins/{id}/run/`: the id of the job that runs the action. */
/**
 * What `plugins/{id}/run/` answers: any object (Python returns it as is); the job's id when the run started one.
 */
export const RunPluginResultSchema = v.looseObject({ job_id: v.optional(v.union([v.number(), v.string()])) });
export type RunPluginResult = v.InferOutput<typeof RunPluginResultSchema>;

/** A plugin release (`plugin_releases/{id}/`); unknown keys are kept. */
export const PluginReleaseSchema = v.looseObject({
  id,
  plugin: v.optional(v.nullable(v.number())),
  version: v.optional(v.string()),
  file: v.optional(v.nullable(v.string())),
});
export type PluginRelease = v.InferOutput<typeof PluginReleaseSchema>;

/** A release to create: its archive under `file` (path, Blob, bytes or stream); the other keys are form fields. */
export interface CreatePluginRelease {
  file: FileInput;
  [field: string]: unknown;
}

/** A job (`jobs/{id}/`); unknown keys are kept. `status` is one of `JobStatus` on the Synapse backend. */
export const JobSchema = v.looseObject({
  id,
  status: v.optional(v.string()),
});
export type Job = v.InferOutput<typeof JobSchema>;

/** One console log entry of a job, as the server sends it. */
export interface JobConsoleLog {
  message?: string;
  level?: string;
  time?: string;
  [key: string]: unknown;
}

/** A log record for `logs/`. A `file` value is sent as a base64 data URI. */
export interface LogRecord {
  file?: FileInput;
  [key: string]: unknown;
}

/** A serve application (`serve_applications/`); unknown keys are kept. */
export const ServeApplicationSchema = v.looseObject({ id });
export type ServeApplication = v.InferOutput<typeof ServeApplicationSchema>;

/** A storage as `storages/` lists it: the configuration may be left out. Unknown keys are kept. */
export interface StorageSummary {
  id: number;
  name: string;
  category: string;
  provider: string;
  configuration?: Record<string, unknown>;
  is_default: boolean;
  [key: string]: unknown;
}

/** A storage to create (`storages/`); further fields go to the server as given. */
export const CreateStorageSchema = v.looseObject({
  name: v.pipe(v.string(), v.nonEmpty()),
  category: StorageCategorySchema,
  provider: StorageProviderSchema,
  configuration: v.optional(v.record(v.string(), v.unknown())),
  is_default: v.optional(v.boolean()),
});
export type CreateStorage = v.InferInput<typeof CreateStorageSchema>;

/** What `storages/` answers to a create; unknown keys are kept. */
export const CreatedStorageSchema = v.looseObject({ id });
export type CreatedStorage = v.InferOutput<typeof CreatedStorageSchema>;
