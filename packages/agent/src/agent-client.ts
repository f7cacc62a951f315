import {
  BaseClient,
  type CallOptions,
  type ClientAuth,
  clientWebSocketLines,
  JsonObjectSchema,
  mergeHeaders,
  type PathParam,
  path,
  readLines,
} from '@synapse/core/internal';
import * as v from 'valibot';
import { agentAuth } from './auth.js';
import { streamTail, type TailContext, type TailSettings, tail, webSocketTail } from './log-tail.js';
import { longPollSender } from './long-poll.js';
import {
  type AgentClientOptions,
  type AgentJob,
  AgentJobSchema,
  type AgentServeApplication,
  AgentServeApplicationSchema,
  type AgentStopJobResult,
  AgentStopJobResultSchema,
  type AgentTailOptions,
  type PluginRunResult,
  PluginRunResultSchema,
  type StreamTailOptions,
  type TailJobLogsOptions,
} from './schemas.js';
import { validateResourceId } from './validators.js';

/** A JSON object whose members the agent does not document (health, metrics, a node, a task…). */
type Json = Record<string, unknown>;
const ObjectList = v.array(JsonObjectSchema);
const JobList = v.array(AgentJobSchema);
const ServeApplicationList = v.array(AgentServeApplicationSchema);
const OPTION_KEYS = ['agentToken', 'userToken', 'tenant', 'longPollHandler'] as const;

/**
 * The Synapse agent (Python `AgentClient`): health and metrics, plugin releases, and the agent's proxy of the
 * Ray cluster, including job log tails over HTTP streaming or WebSocket.
 */
export class AgentClient extends BaseClient {
  static override readonly clientName: string = 'Agent';
  static override readonly defaultTimeout = { connect: 3, read: 10 };

  readonly #auth: ClientAuth & { agentToken: string };
  readonly #tails: TailContext;

  constructor(options: AgentClientOptions) {
    super(options, {
      optionKeys: OPTION_KEYS,
      auth: (given) => {
        const { headers, secrets } = agentAuth(given as AgentClientOptions);
        return { headers, secrets };
      },
      // `?.`: BaseClient refuses options that are not an object, with its own message.
      sendRequest: longPollSender(options?.longPollHandler),
    });
    this.#auth = agentAuth(options);
    this.#tails = {
      longPolling: options.longPollHandler !== undefined,
      errors: { clientName: 'Agent', redactor: this.redactor },
      connectTimeout: this.config.timeout.connect,
      url: (p) => this.url(p),
      httpLines: (p, tail) => this.#httpLines(p, tail),
      webSocketLines: (p, tail) =>
        clientWebSocketLines(this.url(p), {
          headers: mergeHeaders(
            { ...this.config.headers, ...this.#auth.headers, ...this.#tailHeaders() },
            tail.headers,
          ),
          signal: tail.signal,
          connectTimeout: tail.connect,
          idleTimeout: tail.read,
          timeout: { connect: tail.connect, read: tail.read },
          clientName: 'Agent',
          redactor: this.redactor.with(tail.secrets),
        }),
    };
  }

  #tailHeaders(): Record<string, string> {
    return { 'Agent-Token': `Token ${this.#auth.agentToken}` };
  }

  /** The HTTP stream: the pipeline's request (auth, retries of opening, call headers after the tail's own). */
  async *#httpLines(p: string, tail: TailSettings): AsyncGenerator<string> {
    const { response, read } = await this.requestStream('GET', p, {
      headers: mergeHeaders(this.#tailHeaders(), tail.headers),
      timeout: { connect: tail.connect, read: tail.read },
      idleTimeout: tail.read,
      signal: tail.signal,
      maxRetries: tail.maxRetries,
    });
    yield* readLines(response, read);
  }

  /** `GET health/` */
  async healthCheck(options?: CallOptions): Promise<Json> {
    return this.request('GET', 'health/', options, { schema: JsonObjectSchema });
  }

  /** `GET metrics/{panel}/` */
  async getMetrics(panel: PathParam, options?: CallOptions): Promise<Json> {
    return this.request('GET', path('metrics/{panel}/', { panel }), options, { schema: JsonObjectSchema });
  }

  /** `GET code-server/info/`, with `?workspace=<path>` only when a path is given. */
  async getCodeServerInfo(workspacePath?: string, options?: CallOptions): Promise<Json> {
    const params = workspacePath ? { workspace: workspacePath } : undefined;
    return this.request('GET', 'code-server/info/', options, { params, schema: JsonObjectSchema });
  }

  /** `POST plugin_releases/{code}/run/` with `data` as JSON. */
  async runPluginRelease(code: PathParam, data: Json, options?: CallOptions): Promise<PluginRunResult> {
    return this.request('POST', path('plugin_releases/{code}/run/', { code }), options, {
      data,
      schema: PluginRunResultSchema,
    });
  }

  /** `POST plugin_releases/run_debug/` with `data` as JSON. */
  async runDebugPluginRelease(data: Json, options?: CallOptions): Promise<PluginRunResult> {
    return this.request('POST', 'plugin_releases/run_debug/', options, {
      data,
      schema: PluginRunResultSchema,
    });
  }

  /** `POST plugin_releases/` with `data` as JSON (never multipart, unlike the backend method). */
  async createPluginRelease(data: Json, options?: CallOptions): Promise<Json> {
    return this.request('POST', 'plugin_releases/', options, { data, schema: JsonObjectSchema });
  }

  /** `GET jobs/{pk}/` */
  async getJob(pk: PathParam, options?: CallOptions): Promise<AgentJob> {
    return this.request('GET', path('jobs/{pk}/', { pk }), options, { schema: AgentJobSchema });
  }

  /** `GET jobs/` (one plain GET, no pagination). */
  async listJobs(options?: CallOptions): Promise<AgentJob[]> {
    return this.request('GET', 'jobs/', options, { schema: JobList });
  }

  /** `GET jobs/{pk}/logs/` — the reply as the agent sends it (Python documents no shape for it). */
  async listJobLogs(pk: PathParam, options?: CallOptions): Promise<unknown> {
    return this.request('GET', path('jobs/{pk}/logs/', { pk }), options);
  }

  /** `POST jobs/{pk}/stop/` with no body; the id is validated first (ClientError 400, nothing sent). */
  async stopJob(pk: PathParam, options?: CallOptions): Promise<AgentStopJobResult> {
    const id = validateResourceId(pk, 'job');
    return this.request('POST', path('jobs/{id}/stop/', { id }), options, {
      schema: AgentStopJobResultSchema,
    });
  }

  /** `GET nodes/{pk}/` */
  async getNode(pk: PathParam, options?: CallOptions): Promise<Json> {
    return this.request('GET', path('nodes/{pk}/', { pk }), options, { schema: JsonObjectSchema });
  }

  /** `GET nodes/` */
  async listNodes(options?: CallOptions): Promise<Json[]> {
    return this.request('GET', 'nodes/', options, { schema: ObjectList });
  }

  /** `GET tasks/{pk}/` */
  async getTask(pk: PathParam, options?: CallOptions): Promise<Json> {
    return this.request('GET', path('tasks/{pk}/', { pk }), options, { schema: JsonObjectSchema });
  }

  /** `GET tasks/` */
  async listTasks(options?: CallOptions): Promise<Json[]> {
    return this.request('GET', 'tasks/', options, { schema: ObjectList });
  }

  /** `GET serve_applications/{pk}/` */
  async getServeApplication(pk: PathParam, options?: CallOptions): Promise<AgentServeApplication> {
    const url = path('serve_applications/{pk}/', { pk });
    return this.request('GET', url, options, { schema: AgentServeApplicationSchema });
  }

  /** `GET serve_applications/` */
  async listServeApplications(options?: CallOptions): Promise<AgentServeApplication[]> {
    return this.request('GET', 'serve_applications/', options, { schema: ServeApplicationList });
  }

  /** `DELETE serve_applications/{pk}/` — the parsed body, or `''` for an empty one. */
  async deleteServeApplication(pk: PathParam, options?: CallOptions): Promise<unknown> {
    return this.request('DELETE', path('serve_applications/{pk}/', { pk }), options);
  }

  /**
   * A job's log lines as they are written, until the job ends, over `protocol` `stream` (default) or
   * `websocket`. Lines come without their `\n` (Python appends one). See `streamTailJobLogs` for the limits and
   * the options; with `websocket`, `maxRetries` is a ValidationError (a WebSocket is never retried).
   */
  async *tailJobLogs(pk: PathParam, options: TailJobLogsOptions = {}): AsyncGenerator<string> {
    yield* tail(this.#tails, pk, options);
  }

  /**
   * Streamed `GET ray/jobs/{pk}/logs/stream/` with `Agent-Token: Token <agentToken>`, line by line. Lines over
   * 10 KiB are skipped; more than 50,000 lines or 50 MiB → ClientError 429. The connection is closed at the end,
   * on error, and when the loop stops early.
   *
   * Options: `streamTimeout` (default 10 s), or the same setting as `timeout.read`, bounds every wait for the
   * agent once connected (the response headers, then each next line); `timeout.connect` the connection (default:
   * the client's). `headers` go out after the client's and the tail's own, replacing one of the same name;
   * `maxRetries` retries opening the stream, never a stream that broke after lines arrived; `signal` ends it.
   * Anything else is a ValidationError before anything is sent.
   */
  async *streamTailJobLogs(pk: PathParam, options: StreamTailOptions = {}): AsyncGenerator<string> {
    yield* streamTail(this.#tails, pk, options);
  }

  /**
   * WebSocket `ray/jobs/{pk}/logs/ws/` (`http→ws`, `https→wss`), same header and limits as the stream.
   * `timeout.connect` bounds the handshake (default: the client's connect); `streamTimeout` (or `timeout.read`)
   * each wait for the next message; `headers` go on the handshake as for the stream. No `maxRetries`: the
   * WebSocket is opened once, never retried, so passing it is a ValidationError.
   */
  async *websocketTailJobLogs(pk: PathParam, options: AgentTailOptions = {}): AsyncGenerator<string> {
    yield* webSocketTail(this.#tails, pk, options);
  }
}
