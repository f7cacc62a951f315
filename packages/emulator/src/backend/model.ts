import type { Digests } from '../shared/files.js';

export type Json = Record<string, unknown>;

export interface Project {
  id: number;
  title: string;
  description: string;
  data_collection: number | null;
  created: string;
}

export interface TaskTag {
  id: number;
  project: number;
  name: string;
  color: string;
}

export interface Task {
  id: number;
  project: number;
  data_unit: number | null;
  status: string;
  assignee: number | null;
  tags: number[];
  data: Json;
  extra: Json;
  created: string;
}

export interface Assignment {
  id: number;
  project: number;
  task: number;
  user: number | null;
  status: string;
  tags: number[];
  data: Json;
  created: string;
}

export interface FileSpecification {
  id: number;
  name: string;
  file_type: string;
  is_required: boolean;
  is_primary: boolean;
}

export interface DataCollection {
  id: number;
  name: string;
  category: string;
  file_specifications: FileSpecification[];
  created: string;
}

export interface DataFile {
  id: number;
  /** Path on disk. */
  path: string;
  /** Path below `/media/` in the served URL. */
  mediaPath: string;
  filename: string;
  size: number;
  md5: string;
  sha1: string;
  meta: Json;
  created: string;
}

export interface DataUnitFile {
  checksum: string;
  path?: string;
  [key: string]: unknown;
}

export interface DataUnit {
  id: number;
  data_collection: number;
  meta: Json;
  files: Record<string, DataUnitFile>;
  created: string;
}

export interface ChunkedUpload {
  /** Internal numeric key; the public id is `uuid`. */
  id: number;
  uuid: string;
  owner: string;
  filename: string;
  path: string;
  offset: number;
  status: 'uploading' | 'complete';
  digests: Digests;
  md5: string | null;
  sha1: string | null;
  busy: boolean;
  created_at: string;
  completed_at: string | null;
  expiresAt: number;
}

export interface Model {
  id: number;
  name: string;
  mediaPath: string;
  path: string;
  size: number;
  checksum: string;
  fields: Json;
  created: string;
}

export interface Plugin {
  id: number;
  code: string;
  name: string;
  category: string;
  fields: Json;
  created: string;
}

export interface PluginRelease {
  id: number;
  plugin: number;
  version: string;
  fields: Json;
  mediaPath: string | null;
  path: string | null;
  created: string;
}

export type JobStatus = 'pending' | 'running' | 'stopped' | 'succeeded' | 'failed';

export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'running', 'stopped', 'succeeded', 'failed'];

export interface ConsoleLog {
  time: string;
  level: string;
  message: string;
}

export interface Job {
  id: number;
  plugin: number | null;
  plugin_release: number | null;
  action: string;
  params: Json;
  status: JobStatus;
  progress_record: Json;
  metrics_record: Json;
  result: unknown;
  console_logs: ConsoleLog[];
  created: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface GroundTruthVersion {
  id: number;
  ground_truth_dataset: number;
  name: string;
  version: string;
  created: string;
}

export interface GroundTruthEvent {
  id: number;
  ground_truth_dataset_version: number;
  data_unit: number;
  data: Json;
  created: string;
}

export type StorageCategory = 'internal' | 'external';
export const STORAGE_CATEGORIES: readonly StorageCategory[] = ['internal', 'external'];
export const STORAGE_PROVIDERS = [
  'amazon_s3',
  'azure',
  'digital_ocean',
  'file_system',
  'ftp',
  'sftp',
  'minio',
  'gcp',
] as const;
export type StorageProvider = (typeof STORAGE_PROVIDERS)[number];

export interface Storage {
  id: number;
  name: string;
  category: StorageCategory;
  provider: StorageProvider;
  configuration: Json;
  is_default: boolean;
}

export interface LogEntry {
  id: number;
  fields: Json;
  created: string;
}

export interface ServeApplication {
  id: number;
  fields: Json;
  created: string;
}
