import {
  BaseClient,
  type CallOptions,
  type ClientAuth,
  clientWebSocketLines,
  type PathParam,
  path,
  readLines,
} from '@synapse/core';
import { agentAuth } from './auth.js';
import { streamTail, type TailContext, tail, webSocketTail } from './log-tail.js';
import { longPollSender } from './long-poll.js';
import type {
  AgentClientOptions,
  AgentJob,
  PluginRunResult,
  TailJobLogsOptions,
  TailOptions,
} from './schemas.js';
import { validateResourceId } from './validators.js';

type Json = Record<string, unknown>;
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
      httpLines: (p, streamTimeout, signal) => this.#httpLines(p, streamTimeout, signal),
      webSocketLines: (p, streamTimeout, signal) =>
        clientWebSocketLines(this.url(p), {
          headers: { ...this.config.headers, ...this.#auth.headers, ...this.#tailHeaders() },
          signal,
          connectTimeout: this.config.timeout.connect,
          idleTimeout: streamTimeout,
          timeout: { connect: this.config.timeout.connect, read: streamTimeout },
          clientName: 'Agent',
          redactor: this.redactor,
        }),
    };
  }

  #tailHeaders(): Record<string, string> {
    return { 'Agent-Token': `Token ${this.#auth.agentToken}` };
  }

  async *#httpLines(p: string, streamTimeout: number, signal?: AbortSignal): AsyncGenerator<string> {
    const { response, read } = await this.requestStream('GET', p, {
      headers: this.#tailHeaders(),
      timeout: { connect: this.config.timeout.connect, read: streamTimeout },
      idleTimeout: streamTimeout,
      signal,
    });
    yield* readLines(response, read);
  }

  /** `GET health/` */
  async healthCheck(options?: CallOptions): Promise<Json> {
    return this.request('GET', 'health/', options);
  }

  /** `GET metrics/{panel}/` */
  async getMetrics(panel: PathParam, options?: CallOptions): Promise<Json> {
    return this.request('GET', path('metrics/{panel}/', { panel }), options);
  }

  /** `GET code-server/info/`, with `?workspace=<path>` only when a path is given. */
  async getCodeServerInfo(workspacePath?: string, options?: CallOptions): Promise<Json> {
    const params = workspacePath ? { workspace: workspacePath } : undefined;
    return this.request('GET', 'code-server/info/', options, { params });
  }

  /** `POST plugin_releases/{code}/run/` with `data` as JSON. */
  async runPluginRelease(code: PathParam, data: Json, options?: CallOptions): Promise<PluginRunResult> {
    return this.request('POST', path('plugin_releases/{code}/run/', { code }), options, { data });
  }

  /** `POST plugin_releases/run_debug/` with `data` as JSON. */
  async runDebugPluginRelease(data: Json, options?: CallOptions): Promise<PluginRunResult> {
    return this.request('POST', 'plugin_releases/run_debug/', options, { data });
  }

  /** `POST plugin_releases/` with `data` as JSON (never multipart, unlike the backend method). */
  async createPluginRelease(data: Json, options?: CallOptions): Promise<Json> {
    return this.request('POST', 'plugin_releases/', options, { data });
  }

  /** `GET jobs/{pk}/` */
  async getJob(pk: PathParam, options?: CallOptions): Promise<AgentJob> {
    return this.request('GET', path('jobs/{pk}/', { pk }), options);
  }

  /** `GET jobs/` (one plain GET, no pagination). */
  async listJobs(options?: CallOptions): Promise<AgentJob[]> {
    return this.request('GET', 'jobs/', options);
  }

  /** `GET jobs/{pk}/logs/` */
  async listJobLogs(pk: PathParam, options?: CallOptions): Promise<unknown> {
    return this.request('GET', path('jobs/{pk}/logs/', { pk }), options);
  }

  /** `POST jobs/{pk}/stop/` with no body; the id is validated first (ClientError 400, nothing sent). */
  async stopJob(pk: PathParam, options?: CallOptions): Promise<Json> {
    const id = validateResourceId(pk, 'job');
    return this.request('POST', path('jobs/{id}/stop/', { id }), options);
  }

  /** `GET nodes/{pk}/` */
  async getNode(pk: PathParam, options?: CallOptions): Promise<Json> {
    return this.request('GET', path('nodes/{pk}/', { pk }), options);
  }

  /** `GET nodes/` */
  async listNodes(options?: CallOptions): Promise<Json[]> {
    return this.request('GET', 'nodes/', options);
  }

  /** `GET tasks/{pk}/` */
  async getTask(pk: PathParam, options?: CallOptions): Promise<Json> {
    return this.request('GET', path('tasks/{pk}/', { pk }), options);
  }

  /** `GET tasks/` */
  async listTasks(options?: CallOptions): Promise<Json[]> {
    return this.request('GET', 'tasks/', options);
  }

  /** `GET serve_applications/{pk}/` */
  async getServeApplication(pk: PathParam, options?: CallOptions): Promise<Json> {
    return this.request('GET', path('serve_applications/{pk}/', { pk }), options);
  }

  /** `GET serve_applications/` */
  async listServeApplications(options?: CallOptions): Promise<Json[]> {
    return this.request('GET', 'serve_applications/', options);
  }

  /** `DELETE serve_applications/{pk}/` — the parsed body, or `''` for an empty one. */
  async deleteServeApplication(pk: PathParam, options?: CallOptions): Promise<unknown> {
    return this.request('DELETE', path('serve_applications/{pk}/', { pk }), options);
  }

  /**
   * A job's log lines as they are written, until the job ends, over `protocol` `stream` (default) or
   * `websocket`. Lines come without their `\n` (Python appends one). See `streamTailJobLogs` for the limits.
   */
  async *tailJobLogs(pk: PathParam, options: TailJobLogsOptions = {}): AsyncGenerator<string> {
    yield* tail(this.#tails, pk, options);
  }

  /**
   * Streamed `GET ray/jobs/{pk}/logs/stream/` with `Agent-Token: Token <agentToken>`, line by line. Lines over
   * 10 KiB are skipped; more than 50,000 lines or 50 MiB → ClientError 429. The connection is closed at the end,
   * on error, and when the loop stops early.
   */
  async *streamTailJobLogs(pk: PathParam, options: TailOptions = {}): AsyncGenerator<string> {
    yield* streamTail(this.#tails, pk, options);
  }

  /** WebSocket `ray/jobs/{pk}/logs/ws/` (`http→ws`, `https→wss`), same header and limits as the stream. */
  async *websocketTailJobLogs(pk: PathParam, options: TailOptions = {}): AsyncGenerator<string> {
    yield* webSocketTail(this.#tails, pk, options);
  }
}
