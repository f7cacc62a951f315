import {
  BaseClient,
  type CallOptions,
  clientWebSocketLines,
  type PathParam,
  type QueryParams,
  type TransportOptions,
} from '@synapse/core';
import type { Json, RayContext } from './context.js';
import { withRayDetail } from './errors.js';
import * as jobs from './jobs.js';
import * as nodes from './nodes.js';
import type {
  RayJobDetails,
  RayJobStatus,
  RayVersion,
  ServeApplication,
  ServeDeployConfig,
  ServeInstanceDetails,
  StateList,
  StateListOptions,
  StateRow,
  SubmitJobRequest,
  TaskListOptions,
  WaitForJobOptions,
} from './schemas.js';
import * as serve from './serve.js';
import { listState } from './state.js';

/**
 * A Ray dashboard (e.g. `http://<head>:8265`): Synapse's Python `RayClient` methods (legacy nodes, Serve
 * applications), the Jobs API named after Ray's `JobSubmissionClient`, the State API and the Serve REST API.
 * No auth by default; pass `headers` for a dashboard behind a proxy that wants them.
 */
export class RayClient extends BaseClient {
  static override readonly clientName: string = 'Ray';

  readonly #ctx: RayContext;

  constructor(options: TransportOptions) {
    // Ray has no auth of its own: credentials a proxy wants come through `headers` (treated as secrets by core).
    // Ray's error text (State API `msg`) is added to the error message.
    super(options, { optionKeys: [], auth: () => ({ headers: {}, secrets: [] }), mapError: withRayDetail });
    this.#ctx = {
      request: (method, p, opts) => this.request(method, p, opts),
      webSocketLines: (p, signal) =>
        clientWebSocketLines(this.url(p), {
          headers: this.config.headers,
          signal,
          connectTimeout: this.config.timeout.connect + this.config.timeout.read,
          keepEmpty: true,
          timeout: this.config.timeout,
          clientName: 'Ray',
          redactor: this.redactor,
        }),
    };
  }

  // Python RayClient (ray.md)

  /** Python `list_nodes`: `GET nodes` → `data.summary`. Real Ray needs `{ view: 'summary' }`. */
  async listNodes(params?: QueryParams, options?: CallOptions): Promise<Json[]> {
    return nodes.listNodes(this.#ctx, params, options);
  }

  /** Python `get_node`: `GET nodes/{id}` → `detail.data`; 404 `Node Not Found` without an `agent` key. */
  async getNode(id: PathParam, params?: QueryParams, options?: CallOptions): Promise<Json> {
    return nodes.getNode(this.#ctx, id, params, options);
  }

  /** Python `list_serve_applications`: the applications of `GET api/serve/applications/`, deployments as lists. */
  async listServeApplications(params?: QueryParams, options?: CallOptions): Promise<ServeApplication[]> {
    return serve.listServeApplications(this.#ctx, params, options);
  }

  /** Python `get_serve_application`: one application; 404 `Serve Application Not Found`. */
  async getServeApplication(
    name: string,
    params?: QueryParams,
    options?: CallOptions,
  ): Promise<ServeApplication> {
    return serve.getServeApplication(this.#ctx, name, params, options);
  }

  // Serve REST API

  /** `GET api/serve/applications/` as Ray sends it. */
  async getServeApplications(params?: QueryParams, options?: CallOptions): Promise<ServeInstanceDetails> {
    return serve.getServeApplications(this.#ctx, params, options);
  }

  /** `PUT api/serve/applications/`: replaces the whole set of applications (asynchronous on Ray's side). */
  async deployServeApplications(config: ServeDeployConfig, options?: CallOptions): Promise<void> {
    return serve.deployServeApplications(this.#ctx, config, options);
  }

  /** `DELETE api/serve/applications/`: shuts Serve down (every application). */
  async deleteServeApplications(options?: CallOptions): Promise<void> {
    return serve.deleteServeApplications(this.#ctx, options);
  }

  // Jobs API (Ray JobSubmissionClient)

  /** `GET api/version` */
  async getVersion(options?: CallOptions): Promise<RayVersion> {
    return this.request('GET', 'api/version', options);
  }

  /** `POST api/jobs/`; returns the submission id. */
  async submitJob(request: SubmitJobRequest, options?: CallOptions): Promise<string> {
    return jobs.submitJob(this.#ctx, request, options);
  }

  /** `GET api/jobs/`: every job (submissions, then drivers). */
  async listJobs(options?: CallOptions): Promise<RayJobDetails[]> {
    return jobs.listJobs(this.#ctx, options);
  }

  /** `GET api/jobs/{id}` (submission id or driver job id). */
  async getJobInfo(id: string, options?: CallOptions): Promise<RayJobDetails> {
    return jobs.getJobInfo(this.#ctx, id, options);
  }

  /** The `status` of `getJobInfo`. */
  async getJobStatus(id: string, options?: CallOptions): Promise<RayJobStatus> {
    return (await jobs.getJobInfo(this.#ctx, id, options)).status;
  }

  /** `POST api/jobs/{id}/stop`: true when a running job was signalled, false when it had already ended. */
  async stopJob(id: string, options?: CallOptions): Promise<boolean> {
    return jobs.stopJob(this.#ctx, id, options);
  }

  /** `DELETE api/jobs/{id}`: only terminal jobs (Ray answers 500 otherwise). */
  async deleteJob(id: string, options?: CallOptions): Promise<boolean> {
    return jobs.deleteJob(this.#ctx, id, options);
  }

  /** `GET api/jobs/{id}/logs` → the whole log text. */
  async getJobLogs(id: string, options?: CallOptions): Promise<string> {
    return jobs.getJobLogs(this.#ctx, id, options);
  }

  /**
   * WebSocket `api/jobs/{id}/logs/tail`: the log lines (history first, without `\n`, empty lines kept) until
   * the job has ended. The socket is closed when the loop stops early.
   */
  async *tailJobLogs(id: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<string> {
    yield* jobs.tailJobLogs(this.#ctx, id, options.signal);
  }

  /** Polls until the job is STOPPED, SUCCEEDED or FAILED; TimeoutError (408) after `timeout` seconds. */
  async waitForJob(id: string, options?: WaitForJobOptions): Promise<RayJobDetails> {
    return jobs.waitForJob(this.#ctx, id, options);
  }

  // State API

  /** `GET api/v0/nodes` */
  async listClusterNodes(options?: StateListOptions & CallOptions): Promise<StateList<StateRow>> {
    return listState(this.#ctx, 'nodes', options);
  }

  /** `GET api/v0/actors` */
  async listActors(options?: StateListOptions & CallOptions): Promise<StateList<StateRow>> {
    return listState(this.#ctx, 'actors', options);
  }

  /** `GET api/v0/tasks` (one row per attempt). */
  async listClusterTasks(options?: TaskListOptions & CallOptions): Promise<StateList<StateRow>> {
    return listState(this.#ctx, 'tasks', options);
  }

  /** `GET api/v0/jobs` */
  async listClusterJobs(options?: StateListOptions & CallOptions): Promise<StateList<StateRow>> {
    return listState(this.#ctx, 'jobs', options);
  }
}
