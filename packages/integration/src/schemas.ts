import {
  type FileInput,
  JsonObjectSchema,
  type StorageCategory,
  StorageCategorySchema,
  type StorageProvider,
  StorageProviderSchema,
} from '@synapse/core/internal';
import * as v from 'valibot';

const id = v.number();

/** A JSON object argument (not a list, not `null`), checked with core's `JsonObjectSchema`. */
export type JsonObject = Record<string, unknown>;

/** What `agents/{token}/connect/` answers: a JSON object whose members the backend does not document. */
export interface AgentConnection {
  [key: string]: unknown;
}

export const AgentConnectionSchema = JsonObjectSchema;

/** A plugin (`plugins/{id}/`). */
export interface Plugin {
  id: number;
  /** What it is run by, e.g. `yolo`. */
  code?: string;
  name?: string;
  /** e.g. `neural_net`. */
  category?: string;
  [key: string]: unknown;
}

export const PluginSchema = v.looseObject({
  id,
  code: v.optional(v.string()),
  name: v.optional(v.string()),
  category: v.optional(v.string()),
});

/** What `plugins/{id}/run/` answers: any object (Python returns it as is). */
export interface RunPluginResult {
  /** The job that runs the action, when the run started one. */
  job_id?: number | string;
  [key: string]: unknown;
}

export const RunPluginResultSchema = v.looseObject({ job_id: v.optional(v.union([v.number(), v.string()])) });

/** A plugin release (`plugin_releases/{id}/`). */
export interface PluginRelease {
  id: number;
  /** The plugin's id. */
  plugin?: number | null;
  version?: string;
  /** The URL of the release's archive. */
  file?: string | null;
  [key: string]: unknown;
}

export const PluginReleaseSchema = v.looseObject({
  id,
  plugin: v.optional(v.nullable(v.number())),
  version: v.optional(v.string()),
  file: v.optional(v.nullable(v.string())),
});

/** A release to create: its archive under `file` (path, Blob, bytes or stream); the other keys are form fields. */
export interface CreatePluginRelease {
  file: FileInput;
  [field: string]: unknown;
}

const record = v.nullish(JsonObjectSchema);
const recordOrList = v.nullish(v.union([JsonObjectSchema, v.array(v.unknown())]));

/** A job (`jobs/{id}/`), with the fields `updateJob` sets. */
export interface Job {
  id: number;
  /** `pending`, `running`, `stopped`, `succeeded` or `failed` (core's `JobStatus`). */
  status?: string;
  progress_record?: Record<string, unknown> | null;
  metrics_record?: Record<string, unknown> | null;
  console_logs?: Record<string, unknown> | unknown[] | null;
  result?: Record<string, unknown> | unknown[] | null;
  [key: string]: unknown;
}

export const JobSchema = v.looseObject({
  id,
  status: v.optional(v.string()),
  progress_record: record,
  metrics_record: record,
  console_logs: recordOrList,
  result: recordOrList,
});

/** One console log entry of a job (`jobs/{id}/console_logs/`). */
export interface JobConsoleLog {
  message?: string;
  /** e.g. `info`, `warning`, `error`. */
  level?: string;
  /** When it was logged (ISO 8601). */
  time?: string;
  [key: string]: unknown;
}

export const JobConsoleLogSchema = v.looseObject({
  message: v.optional(v.string()),
  level: v.optional(v.string()),
  time: v.optional(v.string()),
});

/** A log record for `logs/`. A `file` value is sent as a base64 data URI. */
export interface LogRecord {
  file?: FileInput;
  [key: string]: unknown;
}

/** A serve application of the backend (`serve_applications/`). */
export interface ServeApplication {
  id: number;
  [key: string]: unknown;
}

export const ServeApplicationSchema = v.looseObject({ id });

/** A storage as `storages/` lists it: as `getStorage` returns it, the configuration left out unless asked for. */
export interface StorageSummary {
  id: number;
  name: string;
  category: StorageCategory;
  provider: StorageProvider;
  /** Only with `with_configuration=True` (it holds credentials). */
  configuration?: Record<string, unknown>;
  is_default: boolean;
  [key: string]: unknown;
}

export const StorageSummarySchema = v.looseObject({
  id,
  name: v.string(),
  category: StorageCategorySchema,
  provider: StorageProviderSchema,
  configuration: v.optional(JsonObjectSchema),
  is_default: v.boolean(),
});

/** A storage to create (`storages/`); further fields go to the server as given. */
export interface CreateStorage {
  /** Not empty. */
  name: string;
  category: StorageCategory;
  provider: StorageProvider;
  /** The provider's settings (a JSON object whose keys depend on the provider). */
  configuration?: Record<string, unknown>;
  /** Whether this becomes the default storage. */
  is_default?: boolean;
  [key: string]: unknown;
}
export const CreateStorageSchema = v.looseObject({
  name: v.pipe(v.string(), v.nonEmpty()),
  category: StorageCategorySchema,
  provider: StorageProviderSchema,
  configuration: v.optional(v.record(v.string(), v.unknown())),
  is_default: v.optional(v.boolean()),
});

/** What `storages/` answers to a create: the storage, of which only the id is sure. */
export interface CreatedStorage {
  id: number;
  name?: string;
  category?: StorageCategory;
  provider?: StorageProvider;
  configuration?: Record<string, unknown>;
  is_default?: boolean;
  [key: string]: unknown;
}

export const CreatedStorageSchema = v.looseObject({
  id,
  name: v.optional(v.string()),
  category: v.optional(StorageCategorySchema),
  provider: v.optional(StorageProviderSchema),
  configuration: v.optional(JsonObjectSchema),
  is_default: v.optional(v.boolean()),
});
