import type { EventEmitter } from 'node:events';
import type { ServiceContext } from '../shared/service.js';
import type * as M from './model.js';
import { Table } from './store.js';

/** Everything the backend keeps in memory. */
export class BackendState {
  readonly projects = new Table<M.Project>();
  readonly taskTags = new Table<M.TaskTag>();
  readonly tasks = new Table<M.Task>();
  readonly assignments = new Table<M.Assignment>();
  readonly dataCollections = new Table<M.DataCollection>();
  readonly dataFiles = new Table<M.DataFile>();
  readonly dataUnits = new Table<M.DataUnit>();
  readonly chunkedUploads = new Table<M.ChunkedUpload>();
  readonly models = new Table<M.Model>();
  readonly plugins = new Table<M.Plugin>();
  readonly pluginReleases = new Table<M.PluginRelease>();
  readonly jobs = new Table<M.Job>();
  readonly groundTruthVersions = new Table<M.GroundTruthVersion>();
  readonly groundTruthEvents = new Table<M.GroundTruthEvent>();
  readonly storages = new Table<M.Storage>();
  readonly logs = new Table<M.LogEntry>();
  readonly serveApplications = new Table<M.ServeApplication>();
  /** Chunked uploads by their public uuid. */
  readonly uploadsByUuid = new Map<string, M.ChunkedUpload>();
  /** Data files by sha1 and by md5 checksum. */
  readonly dataFilesByChecksum = new Map<string, M.DataFile>();

  counts(): Record<string, number> {
    return {
      projects: this.projects.size,
      task_tags: this.taskTags.size,
      tasks: this.tasks.size,
      assignments: this.assignments.size,
      data_collections: this.dataCollections.size,
      data_files: this.dataFiles.size,
      data_units: this.dataUnits.size,
      chunked_uploads: this.chunkedUploads.size,
      models: this.models.size,
      plugins: this.plugins.size,
      plugin_releases: this.pluginReleases.size,
      jobs: this.jobs.size,
      ground_truth_dataset_versions: this.groundTruthVersions.size,
      ground_truth_events: this.groundTruthEvents.size,
      storages: this.storages.size,
      logs: this.logs.size,
      serve_applications: this.serveApplications.size,
    };
  }
}

export interface BackendOptions {
  /** Milliseconds before an unfinished chunked upload expires. Default 24 h. */
  uploadExpiryMs: number;
  /** Largest accepted JSON body in bytes. Default 1 MiB. */
  maxJsonBytes: number;
  /** Largest accepted upload (total file size) in bytes. Default 100 GiB. */
  maxUploadBytes: number;
  /** Create the demo data set. Default true. */
  seed: boolean;
}

/** What every backend route module receives. */
export interface Backend {
  ctx: ServiceContext;
  state: BackendState;
  options: BackendOptions;
  /** Absolute URL of a file served under `/media/`. */
  mediaUrl: (mediaPath: string) => string;
  /** Folder for stored media (`<dataDir>/media`). */
  mediaDir: string;
  /** Folder for chunked-upload parts (`<dataDir>/uploads`). */
  uploadDir: string;
  timers: Set<NodeJS.Timeout>;
  /** Job updates: `log:<id>` with a line, `end:<id>` when the job reaches a terminal status. */
  events: EventEmitter;
  /** Runs `fn` after `ms` unless the backend closed first. */
  later: (ms: number, fn: () => void) => void;
}

export const now = (): string => new Date().toISOString();
