import * as v from 'valibot';
import { assertCallOptions } from './call-options.js';
import { failureError } from './error-factories.js';
import { ValidationError } from './errors.js';
import { credentialSecrets, isCredentialHeader } from './headers.js';
import { type LineReadOptions, readChunks } from './lines.js';
import {
  assertKnownOptions,
  backendAuthHeaders,
  type ClientOptions,
  DEFAULT_TIMEOUT,
  positiveSeconds,
  type ResolvedTransport,
  resolveTransport,
  type TransportOptions,
} from './options.js';
import { type ListResult, PageIterator, pageSchema } from './pagination.js';
import { Redactor } from './redact.js';
import { type CallOptions, executeRequest, type RequestContext, type RequestInternals } from './request.js';
import { createTransport } from './transport.js';
import { assertQueryParams, joinUrl, type QueryParams, withQuery } from './url.js';
import { convertUrls, diskCache, resolveUrlConversion, type UrlConversion } from './url-conversion.js';

/** Options of a list call. */
export interface ListOptions extends CallOptions {
  /** Every item across pages, streamed (`for await`), instead of the first page. */
  listAll?: boolean;
  /** Download file URLs in the results to local paths (Node only). */
  urlConversion?: UrlConversion;
}

/** What a client resolves from its options: the auth headers it sends and the secrets it must never print. */
export interface ClientAuth {
  headers: Record<string, string>;
  secrets: string[];
}

/** A request as a client hook sees it: after the call options and query were checked, before anything is sent. */
export interface HookedRequest<T = unknown> {
  /** Upper-case. */
  method: string;
  /** As the method gave it, relative to the base URL. */
  path: string;
  /** The caller's call options with the method's own. */
  options: CallOptions & RequestInternals<T>;
  /** The client's auth headers. */
  authHeaders: Record<string, string>;
  redactor: Redactor;
}

/** How a client built on `BaseClient` customises the pipeline; every hook is optional. */
export interface ClientHooks {
  /** Option names the client accepts besides the transport ones (default: the backend's token options). */
  optionKeys?: readonly string[];
  /** The auth headers to send and the secrets never to print, from the options (default: the backend's scheme). */
  auth?: (options: TransportOptions) => ClientAuth;
  /** Answers every request in place of HTTP (the agent's long-poll mode). */
  sendRequest?: (request: HookedRequest) => Promise<unknown>;
  /** Turns an error of a request into the one the caller gets (e.g. Ray's error details in the message). */
  mapError?: (error: unknown) => unknown;
}

const BACKEND_OPTION_KEYS = [
  'apiToken',
  'accessToken',
  'authorizationToken',
  'tenant',
  'agentToken',
] as const;

/** Methods of a client that return a page (or every item, which counts them too), for `exists`. */
export type ListMethodName<C> = {
  [K in Exclude<keyof C, 'exists'>]: C[K] extends (...args: never[]) => Promise<{ count: number }>
    ? K
    : never;
}[Exclude<keyof C, 'exists'>];

/**
 * The base of every Synapse client: one request pipeline (auth, timeouts, retries, errors, parsing), URL
 * joining, pagination and URL conversion. Domain clients add methods of a few lines each.
 */
export class BaseClient {
  /** Names the client in error reasons, as in Python (`Backend connection refused`). */
  static readonly clientName: string = 'Backend';
  /** Default timeouts in seconds. */
  static readonly defaultTimeout: { connect: number; read: number } = DEFAULT_TIMEOUT;

  protected readonly config: ResolvedTransport;
  protected readonly redactor: Redactor;
  readonly #context: RequestContext;
  readonly #hooks: ClientHooks;
  readonly #authHeaders: Record<string, string>;

  constructor(options: ClientOptions, hooks: ClientHooks = {}) {
    const statics = this.constructor as typeof BaseClient;
    if (typeof options !== 'object' || options === null) {
      throw new ValidationError('Client options must be an object with at least baseUrl', {
        argument: 'options',
      });
    }
    this.#hooks = hooks;
    assertKnownOptions(options, hooks.optionKeys ?? BACKEND_OPTION_KEYS);
    this.config = resolveTransport(options, { timeout: statics.defaultTimeout });
    const auth = hooks.auth ? hooks.auth(options) : backendAuthHeaders(options);
    this.#authHeaders = auth.headers;
    const headers = { ...this.config.headers, ...auth.headers };
    if (auth.secrets.length > 0 || Object.keys(headers).some(isCredentialHeader)) {
      for (const origin of this.config.origins.trustedOrigins) {
        this.config.origins.assertSecure(
          new URL(origin),
          origin === this.config.origins.origin ? 'baseUrl' : 'trustedOrigins',
        );
      }
    }
    this.redactor = new Redactor([...auth.secrets, ...credentialSecrets(this.config.headers)]);
    this.#context = {
      clientName: statics.clientName,
      config: this.config,
      authHeaders: auth.headers,
      redactor: this.redactor,
      send: createTransport(this.config.fetch),
    };
  }

  /** The base URL without trailing slashes. */
  get baseUrl(): string {
    return this.config.baseUrl;
  }

  /**
   * A URL the server handed back (a page's `next`, an upload's `url`), made safe to send credentials to: kept on
   * a trusted origin, otherwise its path and query on the client's own origin.
   */
  protected followUrl(url: string): string {
    return this.config.origins.follow(url);
  }

  /** Python `_get_url`. */
  protected url(path: string, trailingSlash = false): string {
    return joinUrl(this.config.baseUrl, path, trailingSlash);
  }

  /**
   * Sends one request through the pipeline. `path` is relative to the base URL (or absolute); `params` become the
   * query string; `data` is the JSON body, or the form fields when `files` are given.
   */
  protected async request<T = unknown>(
    method: string,
    path: string,
    call: CallOptions | undefined = {},
    internal: RequestInternals<T> = {},
  ): Promise<T> {
    assertCallOptions(call);
    assertQueryParams(internal.params);
    // The method's own options come last: a caller's options never replace a body, a schema or a query.
    const options: CallOptions & RequestInternals<T> = { ...call, ...internal };
    const { sendRequest, mapError } = this.#hooks;
    try {
      if (sendRequest) {
        const request = { method: method.toUpperCase(), path, options, authHeaders: this.#authHeaders };
        return (await sendRequest({ ...request, redactor: this.redactor })) as T;
      }
      const url = withQuery(this.url(path, options.trailingSlash), options.params);
      return await executeRequest<T>(this.#context, method.toUpperCase(), url, options);
    } catch (error) {
      throw mapError ? mapError(error) : error;
    }
  }

  /** A list endpoint: the first page, or with `listAll` every item, streamed page by page. */
  protected async list<T, O extends ListOptions>(
    path: string,
    params: QueryParams | undefined,
    options: O | undefined,
    /** `itemSchema` checks every item of every page; without it, a page is checked as a page only. */
    defaults: { filesFields?: string[]; itemSchema?: v.GenericSchema<unknown, T> } = {},
  ): Promise<ListResult<T, O>> {
    assertCallOptions(options ?? {}, ['listAll', 'urlConversion']);
    const { listAll, urlConversion, ...call } = (options ?? {}) as ListOptions;
    assertQueryParams(params);
    const conversion = resolveUrlConversion(urlConversion, {
      // Stryker disable next-line ArrayDeclaration: a field no reply has converts nothing, as no field does
      filesFields: defaults.filesFields ?? [],
      // Stryker disable next-line BooleanLiteral: list() hands the page's items to convert itself; isList is unread
      isList: true,
    });
    const convert = async (items: T[]) =>
      conversion ? convertUrls(items, conversion, (url) => this.download(url, conversion.cacheDir)) : items;
    const schema = pageSchema<T>(defaults.itemSchema ?? (unknownItem as v.GenericSchema<unknown, T>));
    if (!listAll) {
      const page = await this.request('GET', path, call, { params, schema });
      await convert(page.results);
      return page as ListResult<T, O>;
    }
    // 100 a page unless the caller chose a page size.
    const pageSize = params?.page_size ?? 100;
    const first = await this.request('GET', path, call, {
      params: { ...params, page_size: pageSize },
      schema,
    });
    // A page's `next` is followed on the client's own origin (see OriginPolicy.follow).
    const next = (url: string) => this.request('GET', this.followUrl(url), call, { schema });
    return new PageIterator<T>(first, next, convert) as ListResult<T, O>;
  }

  /**
   * Opens a response to read as it arrives, e.g. a log tail: `readLines(response, read)` gives its lines. Each
   * wait for bytes is bounded by `idleTimeout` seconds (default: the read timeout); a dropped connection becomes a
   * `ClientError`.
   */
  protected async requestStream(
    method: string,
    path: string,
    options: CallOptions & { idleTimeout?: number } = {},
    internal: Omit<RequestInternals<Response>, 'stream'> = {},
  ): Promise<{ response: Response; read: LineReadOptions }> {
    assertCallOptions(options, ['idleTimeout']);
    const { idleTimeout: idle, ...call } = options;
    if (idle !== undefined) positiveSeconds(idle, 'options.idleTimeout');
    const response = await this.request<Response>(method, path, call, { ...internal, stream: true });
    const idleTimeout = idle ?? call.timeout?.read ?? this.config.timeout.read;
    const timeout = { connect: this.config.timeout.connect, read: idleTimeout };
    const url = this.url(path, internal.trailingSlash);
    const context = internal.secrets?.length
      ? { ...this.#context, redactor: this.#context.redactor.with(internal.secrets) }
      : this.#context;
    return {
      response,
      read: {
        signal: call.signal,
        idleTimeout,
        toError: (failure) => failureError(context, failure, method.toUpperCase(), url, timeout),
      },
    };
  }

  /**
   * Checks a `urlConversion` option now (so bad input fails before any request) and returns the function that
   * applies it to one object or to a page's results (Python `_get(url_conversion=…)`).
   */
  protected urlConverter(
    option: UrlConversion | undefined,
    defaults: { filesFields: string[]; isList: boolean },
  ): <T>(value: T) => Promise<T> {
    const conversion = resolveUrlConversion(option, defaults);
    return async (value) => {
      if (!conversion) return value;
      const items = conversion.isList ? (value as { results?: unknown } | null)?.results : [value];
      if (Array.isArray(items))
        await convertUrls(items, conversion, (url) => this.download(url, conversion.cacheDir));
      return value;
    };
  }

  /**
   * Downloads a file URL to the local cache (URL conversion) with the client's timeouts, retries and errors, and
   * none of its credentials: the file is on a storage host, behind a presigned link.
   */
  protected download(url: string, cacheDir?: string): Promise<string> {
    return diskCache()(url, cacheDir, async (fileUrl) => {
      const response = await this.request<Response>('GET', fileUrl, undefined, {
        stream: true,
        anonymous: true,
      });
      const timeout = this.config.timeout;
      return readChunks(response.body ?? new ReadableStream(), {
        idleTimeout: timeout.read,
        toError: (failure) => failureError(this.#context, failure, 'GET', fileUrl, timeout),
      });
    });
  }

  /** Python `exists`: calls a list method and tells whether its page counts any item. */
  async exists<K extends ListMethodName<this>>(
    api: K,
    ...args: this[K] extends (...a: infer A) => unknown ? A : never
  ): Promise<boolean> {
    const method = this[api];
    if (typeof method !== 'function') {
      throw new ValidationError(`exists: ${String(api)} is not a method of this client`, { argument: 'api' });
    }
    const listed = await (method as (...a: unknown[]) => Promise<{ count: number }>).apply(this, args);
    return listed.count > 0;
  }
}

/** An item a list method does not describe: anything. */
const unknownItem = v.unknown();
