import {
  BaseClient,
  type CallOptions,
  type FirstPageOnly,
  JsonObjectSchema,
  type ListOptions,
  type ListResult,
  type PathParam,
  parseInput,
  path,
  type QueryParams,
  readLines,
  type Storage,
  StorageSchema,
  type UpdateJob,
  UpdateJobSchema,
} from '@synapse/core/internal';
import * as v from 'valibot';
import { logRecordsBody } from './log-records.js';
import { pluginReleaseForm } from './plugin-release-form.js';
import {
  type AgentConnection,
  AgentConnectionSchema,
  type CreatedStorage,
  CreatedStorageSchema,
  type CreatePluginRelease,
  type CreateStorage,
  CreateStorageSchema,
  type Job,
  type JobConsoleLog,
  JobConsoleLogSchema,
  JobSchema,
  type JsonObject,
  type LogRecord,
  type Plugin,
  type PluginRelease,
  PluginReleaseSchema,
  PluginSchema,
  type RunPluginResult,
  RunPluginResultSchema,
  type ServeApplication,
  ServeApplicationSchema,
  type StorageSummary,
  StorageSummarySchema,
} from './schemas.js';

const ConsoleLogList = v.array(JobConsoleLogSchema);

/** Options of `tailJobConsoleLogs`. */
export interface TailJobConsoleLogsOptions extends CallOptions {
  /** Seconds to wait for the next bytes before failing with a `TimeoutError`. Default: the client's read timeout. */
  idleTimeout?: number;
}

/** Options of a list call that does no URL conversion. */
export type PlainListOptions = Omit<ListOptions, 'urlConversion'>;

/** Agents, plugins and releases, jobs and their logs, serve applications, storages (Python `IntegrationClientMixin`). */
export class IntegrationClient extends BaseClient {
  /** `POST agents/{token}/connect/` (no body). The token is masked in errors and debug lines. */
  async healthCheckAgent(token: string, options?: CallOptions): Promise<AgentConnection> {
    let url: string;
    try {
      url = path('agents/{token}/connect/', { token });
    } catch (error) {
      // The check's message quotes the bad value (as JSON), which here is a secret.
      throw this.redactor.with([JSON.stringify(String(token))]).error(error);
    }
    return this.request('POST', url, options, { secrets: [token], schema: AgentConnectionSchema });
  }

  /** `GET plugins/{id}/` */
  async getPlugin(id: PathParam, options?: CallOptions): Promise<Plugin> {
    return this.request('GET', path('plugins/{id}/', { id }), options, { schema: PluginSchema });
  }

  /** `POST plugins/` with the plugin as JSON. */
  async createPlugin(data: JsonObject, options?: CallOptions): Promise<Plugin> {
    return this.request('POST', 'plugins/', options, {
      data: parseInput(JsonObjectSchema, data, 'data'),
      schema: PluginSchema,
    });
  }

  /** `PUT plugins/{id}/` — a full update. */
  async updatePlugin(id: PathParam, data: JsonObject, options?: CallOptions): Promise<Plugin> {
    return this.request('PUT', path('plugins/{id}/', { id }), options, {
      data: parseInput(JsonObjectSchema, data, 'data'),
      schema: PluginSchema,
    });
  }

  /**
   * `POST plugins/{id}/run/` — runs a plugin action (e.g. `{ action: 'train', params: {…} }`); returns the reply
   * as the backend sends it, with `job_id` when the run started a job.
   */
  async runPlugin(id: PathParam, data: JsonObject, options?: CallOptions): Promise<RunPluginResult> {
    return this.request('POST', path('plugins/{id}/run/', { id }), options, {
      data: parseInput(JsonObjectSchema, data, 'data'),
      schema: RunPluginResultSchema,
    });
  }

  /** `GET plugin_releases/{id}/` with optional query params. */
  async getPluginRelease(id: PathParam, params?: QueryParams, options?: CallOptions): Promise<PluginRelease> {
    const url = path('plugin_releases/{id}/', { id });
    return this.request('GET', url, options, { params, schema: PluginReleaseSchema });
  }

  /**
   * `POST plugin_releases/` as multipart: `data.file` (path, Blob, bytes or stream) is the file part `file`, the
   * other keys are form fields (objects JSON-encoded). `data` itself is left unchanged.
   */
  async createPluginRelease(data: CreatePluginRelease, options?: CallOptions): Promise<PluginRelease> {
    return this.request('POST', 'plugin_releases/', options, {
      form: await pluginReleaseForm(data),
      schema: PluginReleaseSchema,
    });
  }

  /** `GET jobs/{id}/` with optional query params. */
  async getJob(id: PathParam, params?: QueryParams, options?: CallOptions): Promise<Job> {
    return this.request('GET', path('jobs/{id}/', { id }), options, { params, schema: JobSchema });
  }

  /** `GET jobs/` — one page, or every job with `{ listAll: true }`. */
  async listJobs<O extends ListOptions = FirstPageOnly>(
    params?: QueryParams,
    options?: O,
  ): Promise<ListResult<Job, O>> {
    return this.list<Job, O>('jobs/', params, options, { itemSchema: JobSchema });
  }

  /**
   * `PATCH jobs/{id}/` with the fields of `UpdateJob` (`status`, `progress_record`, `metrics_record`,
   * `console_logs`, `result`); other keys and `null`/`undefined` values are dropped, an invalid status is refused.
   */
  async updateJob(id: PathParam, data: UpdateJob, options?: CallOptions): Promise<Job> {
    const url = path('jobs/{id}/', { id });
    return this.request('PATCH', url, options, {
      data: parseInput(UpdateJobSchema, data, 'data'),
      schema: JobSchema,
    });
  }

  /** `GET jobs/{id}/console_logs/` — the job's console log entries. */
  async listJobConsoleLogs(id: PathParam, options?: CallOptions): Promise<JobConsoleLog[]> {
    return this.request('GET', path('jobs/{id}/console_logs/', { id }), options, { schema: ConsoleLogList });
  }

  /**
   * `GET jobs/{id}/tail_console_logs/`, streamed: yields each non-empty line (without its `\n`) as it arrives and
   * ends with the stream. Aborting `signal` stops it with an `AbortError`; `break` stops it quietly.
   */
  async *tailJobConsoleLogs(id: PathParam, options?: TailJobConsoleLogsOptions): AsyncGenerator<string> {
    const { response, read } = await this.requestStream(
      'GET',
      path('jobs/{id}/tail_console_logs/', { id }),
      options,
    );
    yield* readLines(response, read);
  }

  /**
   * `POST logs/` — one record or a list (always sent as a list). A record's `file` (path, Blob, bytes or stream)
   * is sent as a `data:<mime>;base64,…` URI. The caller's records are left unchanged. Returns the reply unchecked:
   * Python documents no shape for it.
   */
  async createLogs(data: LogRecord | LogRecord[], options?: CallOptions): Promise<unknown> {
    return this.request('POST', 'logs/', options, { data: await logRecordsBody(data) });
  }

  /** `POST serve_applications/` */
  async createServeApplication(data: JsonObject, options?: CallOptions): Promise<ServeApplication> {
    return this.request('POST', 'serve_applications/', options, {
      data: parseInput(JsonObjectSchema, data, 'data'),
      schema: ServeApplicationSchema,
    });
  }

  /** `GET serve_applications/` — one page, or every application with `{ listAll: true }` (no URL conversion). */
  async listServeApplications<O extends PlainListOptions = FirstPageOnly>(
    params?: QueryParams,
    options?: O,
  ): Promise<ListResult<ServeApplication, O>> {
    const { urlConversion: _ignored, ...rest } = (options ?? {}) as ListOptions;
    return this.list<ServeApplication, O>('serve_applications/', params, rest as O, {
      itemSchema: ServeApplicationSchema,
    });
  }

  /** `GET storages/{id}/?with_configuration=True`, checked against the `Storage` model. */
  async getStorage(id: PathParam, options?: CallOptions): Promise<Storage> {
    return this.request('GET', path('storages/{id}/', { id }), options, {
      params: { with_configuration: true },
      schema: StorageSchema,
    });
  }

  /** `GET storages/` — one page, or every storage with `{ listAll: true }`. */
  async listStorages<O extends ListOptions = FirstPageOnly>(
    params?: QueryParams,
    options?: O,
  ): Promise<ListResult<StorageSummary, O>> {
    return this.list<StorageSummary, O>('storages/', params, options, { itemSchema: StorageSummarySchema });
  }

  /** `POST storages/` */
  async createStorage(data: CreateStorage, options?: CallOptions): Promise<CreatedStorage> {
    return this.request('POST', 'storages/', options, {
      data: parseInput(CreateStorageSchema, data, 'data'),
      schema: CreatedStorageSchema,
    });
  }
}
