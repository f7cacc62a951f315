import {
  assertCallOptions,
  BaseClient,
  type CallOptions,
  clientWebSocketLines,
  credentialSecrets,
  errorForStatus,
  isCredentialHeader,
  mergeHeaders,
  type PathParam,
  path,
  type QueryParams,
  sleep,
  TimeoutError,
  type TransportOptions,
  ValidationError,
} from '@synapse/core/internal';
import * as v from 'valibot';
import { withRayDetail } from './errors.js';
import {
  DeleteJobReplySchema,
  JobLogsReplySchema,
  StopJobReplySchema,
  SubmitJobReplySchema,
  submittedId,
} from './job-replies.js';
import { jobPath, positiveSeconds, submitJobBody } from './job-request.js';
import {
  NodeDetailEnvelopeSchema,
  NodeSummariesEnvelopeSchema,
  nodeDetail,
  nodeSummaries,
} from './legacy-nodes.js';
import {
  type RayActorState,
  type RayJobDetails,
  RayJobDetailsSchema,
  type RayJobState,
  type RayJobStatus,
  type RayNodeDetail,
  type RayNodeState,
  type RayNodeSummary,
  type RayServeApplication,
  type RayTailOptions,
  type RayTaskState,
  type RayVersion,
  RayVersionSchema,
  type ServeDeployConfig,
  type ServeInstanceDetails,
  ServeInstanceDetailsSchema,
  type StateList,
  type StateListOptions,
  type SubmitJobRequest,
  type TaskListOptions,
  TERMINAL_JOB_STATUSES,
  type WaitForJobOptions,
} from './schemas.js';
import { parseDeployConfig, SERVE_APPLICATIONS_PATH, toServeApplication } from './serve-config.js';
import { STATE_REPLIES, type StateReplySchema, stateListQuery, unwrapStateList } from './state-list.js';

const JobListSchema = v.array(RayJobDetailsSchema);

/**
 * A Ray dashboard (e.g. `http://<head>:8265`): Synapse's Python `RayClient` methods (legacy nodes, Serve
 * applications), the Jobs API named after Ray's `JobSubmissionClient`, the State API and the Serve REST API.
 * No auth by default; pass `headers` for a dashboard behind a proxy that wants them.
 */
export class RayClient extends BaseClient {
  static override readonly clientName: string = 'Ray';

  constructor(options: TransportOptions) {
    // Ray has no auth of its own: credentials a proxy wants come through `headers` (treated as secrets by core).
    // Ray's error text (State API `msg`) is added to the error message.
    super(options, { optionKeys: [], auth: () => ({ headers: {}, secrets: [] }), mapError: withRayDetail });
  }

  // Python RayClient (ray.md)

  /** Python `list_nodes`: `GET nodes` → `data.summary`. Real Ray needs `{ view: 'summary' }`. */
  async listNodes(params?: QueryParams, options?: CallOptions): Promise<RayNodeSummary[]> {
    const schema = NodeSummariesEnvelopeSchema;
    return nodeSummaries(await this.request('GET', 'nodes', options, { params, schema }));
  }

  /**
   * Python `get_node`: `GET nodes/{id}` → the node's detail, read where Ray puts it (`data.detail`; the Python
   * client looks for a top-level `detail`, which Ray never sends). Ray answers an unknown id with a near-empty
   * detail (a `raylet` without `nodeId`): that is a 404 `Node Not Found`, as in Python.
   */
  async getNode(id: PathParam, params?: QueryParams, options?: CallOptions): Promise<RayNodeDetail> {
    const schema = NodeDetailEnvelopeSchema;
    return nodeDetail(await this.request('GET', path('nodes/{id}', { id }), options, { params, schema }), id);
  }

  /** Python `list_serve_applications`: the applications of `GET api/serve/applications/`, deployments as lists. */
  async listServeApplications(params?: QueryParams, options?: CallOptions): Promise<RayServeApplication[]> {
    const details = await this.getServeApplications(params, options);
    return Object.values(details.applications).map(toServeApplication);
  }

  /** Python `get_serve_application`: one application; 404 `Serve Application Not Found`. */
  async getServeApplication(
    name: string,
    params?: QueryParams,
    options?: CallOptions,
  ): Promise<RayServeApplication> {
    const details = await this.getServeApplications(params, options);
    const app = Object.hasOwn(details.applications, name) ? details.applications[name] : undefined;
    if (!app) {
      throw errorForStatus(404, `Ray: Serve Application Not Found: ${name}`, {
        reason: 'Serve Application Not Found',
        clientName: 'Ray',
      });
    }
    return toServeApplication(app);
  }

  // Serve REST API

  /** `GET api/serve/applications/` as Ray sends it. */
  async getServeApplications(params?: QueryParams, options?: CallOptions): Promise<ServeInstanceDetails> {
    return this.request('GET', SERVE_APPLICATIONS_PATH, options, {
      params,
      schema: ServeInstanceDetailsSchema,
    });
  }

  /** `PUT api/serve/applications/`: replaces the whole set of applications (asynchronous on Ray's side). */
  async deployServeApplications(config: ServeDeployConfig, options?: CallOptions): Promise<void> {
    const data = parseDeployConfig(config);
    await this.request('PUT', SERVE_APPLICATIONS_PATH, options, { data });
  }

  /** `DELETE api/serve/applications/`: shuts Serve down (every application). */
  async deleteServeApplications(options?: CallOptions): Promise<void> {
    await this.request('DELETE', SERVE_APPLICATIONS_PATH, options);
  }

  // Jobs API (Ray JobSubmissionClient)

  /** `GET api/version` */
  async getVersion(options?: CallOptions): Promise<RayVersion> {
    return this.request('GET', 'api/version', options, { schema: RayVersionSchema });
  }

  /** `POST api/jobs/`; returns the submission id. */
  async submitJob(request: SubmitJobRequest, options?: CallOptions): Promise<string> {
    const data = submitJobBody(request);
    return submittedId(
      await this.request('POST', 'api/jobs/', options, { data, schema: SubmitJobReplySchema }),
    );
  }

  /** `GET api/jobs/`: every job (submissions, then drivers). */
  async listJobs(options?: CallOptions): Promise<RayJobDetails[]> {
    return this.request('GET', 'api/jobs/', options, { schema: JobListSchema });
  }

  /** `GET api/jobs/{id}` (submission id or driver job id). */
  async getJobInfo(id: string, options?: CallOptions): Promise<RayJobDetails> {
    return this.request('GET', jobPath(id), options, { schema: RayJobDetailsSchema });
  }

  /** The `status` of `getJobInfo`. */
  async getJobStatus(id: string, options?: CallOptions): Promise<RayJobStatus> {
    return (await this.getJobInfo(id, options)).status;
  }

  /** `POST api/jobs/{id}/stop`: true when a running job was signalled, false when it had already ended. */
  async stopJob(id: string, options?: CallOptions): Promise<boolean> {
    const reply = await this.request('POST', jobPath(id, '/stop'), options, { schema: StopJobReplySchema });
    return reply.stopped;
  }

  /** `DELETE api/jobs/{id}`: only terminal jobs (Ray answers 500 otherwise). */
  async deleteJob(id: string, options?: CallOptions): Promise<boolean> {
    const reply = await this.request('DELETE', jobPath(id), options, { schema: DeleteJobReplySchema });
    return reply.deleted;
  }

  /** `GET api/jobs/{id}/logs` → the whole log text. */
  async getJobLogs(id: string, options?: CallOptions): Promise<string> {
    const reply = await this.request('GET', jobPath(id, '/logs'), options, { schema: JobLogsReplySchema });
    return reply.logs;
  }

  /**
   * WebSocket `api/jobs/{id}/logs/tail`: the log lines (history first, without `\n`, empty lines kept) until
   * the job has ended. The socket is closed when the loop stops early. Takes `signal`, `timeout` and `headers`
   * (see `RayTailOptions`); `maxRetries` is a ValidationError, as the WebSocket is never retried.
   */
  async *tailJobLogs(id: string, options: RayTailOptions = {}): AsyncGenerator<string> {
    const p = jobPath(id, '/logs/tail');
    if (typeof options === 'object' && options !== null && 'maxRetries' in options) {
      throw new ValidationError(
        'options.maxRetries does not apply to tailJobLogs: its WebSocket is opened once, never retried',
        { argument: 'options.maxRetries' },
      );
    }
    assertCallOptions(options);
    yield* this.#webSocketLines(p, options);
  }

  /**
   * Polls `GET api/jobs/{id}` until the job is STOPPED, SUCCEEDED or FAILED; TimeoutError (408) after
   * `waitTimeout` seconds (default 600), a status check every `pollInterval` seconds (default 1). The call options
   * (`signal`, `timeout`, `headers`, `maxRetries`) apply to each status request; `signal` also ends a wait.
   */
  async waitForJob(id: string, options: WaitForJobOptions = {}): Promise<RayJobDetails> {
    if (typeof (options as { timeout?: unknown } | null)?.timeout === 'number') {
      // A number is the old meaning of `timeout` (now waitTimeout): say where it went, not only that it is wrong.
      throw new ValidationError(
        "options.timeout is each status request's { connect?, read? } in seconds; the wait's limit is waitTimeout",
        { argument: 'options.timeout' },
      );
    }
    assertCallOptions(options, ['waitTimeout', 'pollInterval']);
    const { waitTimeout, pollInterval, ...call } = options;
    const limit = positiveSeconds(waitTimeout ?? 600, 'waitTimeout');
    const interval = positiveSeconds(pollInterval ?? 1, 'pollInterval');
    const deadline = Date.now() + limit * 1000;
    let status: RayJobStatus | undefined;
    while (true) {
      const job = await this.getJobInfo(id, call);
      status = job.status;
      if (TERMINAL_JOB_STATUSES.includes(job.status)) return job;
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(interval, left / 1000), call.signal);
    }
    const reason = `Ray job ${id} did not finish within ${limit}s (last status ${status})`;
    throw new TimeoutError(reason, { reason, phase: 'read', clientName: 'Ray' });
  }

  // State API

  /** `GET api/v0/nodes` */
  async listClusterNodes(options?: StateListOptions & CallOptions): Promise<StateList<RayNodeState>> {
    return this.#listState('nodes', STATE_REPLIES.nodes, options);
  }

  /** `GET api/v0/actors` */
  async listActors(options?: StateListOptions & CallOptions): Promise<StateList<RayActorState>> {
    return this.#listState('actors', STATE_REPLIES.actors, options);
  }

  /** `GET api/v0/tasks` (one row per attempt). */
  async listClusterTasks(options?: TaskListOptions & CallOptions): Promise<StateList<RayTaskState>> {
    return this.#listState('tasks', STATE_REPLIES.tasks, options);
  }

  /** `GET api/v0/jobs` */
  async listClusterJobs(options?: StateListOptions & CallOptions): Promise<StateList<RayJobState>> {
    return this.#listState('jobs', STATE_REPLIES.jobs, options);
  }

  /** `GET api/v0/{resource}` unwrapped from the State API envelope, each row checked; `result: false` → ClientError. */
  async #listState<T>(
    resource: keyof typeof STATE_REPLIES,
    schema: StateReplySchema<T>,
    options: (StateListOptions | TaskListOptions) & CallOptions = {},
  ): Promise<StateList<T>> {
    const { params, call } = stateListQuery(options);
    return unwrapStateList(await this.request('GET', `api/v0/${resource}`, call, { params, schema }));
  }

  /**
   * The lines of a WebSocket on the dashboard, with the client's headers and the call's on top. `timeout.connect`
   * bounds the handshake (default: the client's connect + read), `timeout.read` each wait for a line (default:
   * none). A credential in the call's headers is masked in errors, and sent only over https:// or loopback.
   */
  #webSocketLines(p: string, call: RayTailOptions): AsyncGenerator<string> {
    const secrets = credentialSecrets(call.headers ?? {});
    const url = this.url(p);
    if (Object.keys(call.headers ?? {}).some(isCredentialHeader)) {
      this.config.origins.assertSecure(new URL(url), 'options.headers');
    }
    const connect = call.timeout?.connect ?? this.config.timeout.connect + this.config.timeout.read;
    const read = call.timeout?.read;
    return clientWebSocketLines(url, {
      headers: mergeHeaders(this.config.headers, call.headers),
      signal: call.signal,
      connectTimeout: connect,
      idleTimeout: read,
      keepEmpty: true,
      // What a timeout's message names: the limits that applied.
      timeout: { connect, read: read ?? this.config.timeout.read },
      clientName: 'Ray',
      redactor: this.redactor.with(secrets),
    });
  }
}
