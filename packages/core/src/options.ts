import { readEnv } from './env.js';
import { ValidationError } from './errors.js';
import { type Logger, resolveLogger } from './logger.js';

/** Seconds to wait: `connect` for the connection and `read` for each wait on the server. */
export interface TimeoutOptions {
  connect?: number;
  read?: number;
}

/** Backoff between retries, in seconds. */
export interface RetryDelayOptions {
  /** Wait before the first retry; doubles each time. Default 0.5. */
  initialDelay?: number;
  /** Upper bound of one wait. Default 8. */
  maxDelay?: number;
  /** Upper bound of a server's `Retry-After`. Default 60. */
  maxRetryAfter?: number;
}

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options every client takes. */
export interface TransportOptions {
  /** The service's base URL, e.g. `https://api.synapse.example`. Trailing slashes are dropped. */
  baseUrl: string;
  /** Seconds. Defaults differ per client (backend: connect 5, read 30). */
  timeout?: TimeoutOptions;
  /** Retries of a failed request (0 disables). Default 3. */
  maxRetries?: number;
  retry?: RetryDelayOptions;
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchFunction;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /** Receives debug lines (tokens redacted). `SYNAPSE_DEBUG=1` logs to the console when none is given. */
  logger?: Logger;
  /**
   * Allow sending tokens over plain `http://` to a host that is not loopback. Off by default: the Synapse
   * docs ask for HTTPS endpoints only.
   */
  allowInsecureHttp?: boolean;
}

/** Options of the backend clients (every domain client and `BackendClient`). */
export interface ClientOptions extends TransportOptions {
  /** Sent as `Synapse-Access-Token: Token <v>`. Falls back to `SYNAPSE_API_TOKEN`, then `SYNAPSE_ACCESS_TOKEN`. */
  apiToken?: string;
  /** Alias of `apiToken`. */
  accessToken?: string;
  /** Sent as `Authorization: Token <v>`. */
  authorizationToken?: string;
  /** Sent as `Synapse-Tenant: Token <v>`. */
  tenant?: string;
  /** Sent as `SYNAPSE-Agent: Token <v>`. Falls back to `SYNAPSE_AGENT_TOKEN`. */
  agentToken?: string;
}

export interface ResolvedTransport {
  baseUrl: string;
  timeout: { connect: number; read: number };
  maxRetries: number;
  retry: Required<RetryDelayOptions>;
  fetch: FetchFunction;
  headers: Record<string, string>;
  logger: Logger | undefined;
  allowInsecureHttp: boolean;
}

export const DEFAULT_TIMEOUT = { connect: 5, read: 30 } as const;
const DEFAULT_RETRY: Required<RetryDelayOptions> = { initialDelay: 0.5, maxDelay: 8, maxRetryAfter: 60 };
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

function positiveSeconds(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${argument} must be a positive number of seconds`, { argument });
  }
  return value;
}

function nonNegativeSeconds(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(`${argument} must be a number of seconds ≥ 0`, { argument });
  }
  return value;
}

/** Validates a base URL and drops its trailing slashes. */
export function normalizeBaseUrl(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError('baseUrl is required: the service URL, e.g. https://api.example.com', {
      argument: 'baseUrl',
    });
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(`baseUrl is not a valid URL: ${JSON.stringify(value.slice(0, 200))}`, {
      argument: 'baseUrl',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(`baseUrl must use http or https, not ${url.protocol}`, { argument: 'baseUrl' });
  }
  if (url.username || url.password) {
    throw new ValidationError('baseUrl must not carry credentials; pass tokens as options', {
      argument: 'baseUrl',
    });
  }
  return value.replace(/\/+$/, '');
}

export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK.test(new URL(url).hostname);
}

/** Refuses to send tokens in clear text to a remote host unless the caller opted out. */
export function assertSecureTransport(baseUrl: string, hasToken: boolean, allowInsecureHttp: boolean): void {
  if (!hasToken || allowInsecureHttp || !baseUrl.startsWith('http://') || isLoopbackUrl(baseUrl)) return;
  throw new ValidationError(
    `Refusing to send a token over plain http:// to ${new URL(baseUrl).host} (baseUrl); use https://, ` +
      'or set allowInsecureHttp: true if you accept the risk',
    { argument: 'baseUrl' },
  );
}

const TRANSPORT_KEYS = new Set([
  'baseUrl',
  'timeout',
  'maxRetries',
  'retry',
  'fetch',
  'headers',
  'logger',
  'allowInsecureHttp',
]);

/** Throws on option names the client does not know: a typo should not silently drop a setting. */
export function assertKnownOptions(options: object, extraKeys: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!TRANSPORT_KEYS.has(key) && !extraKeys.includes(key)) {
      throw new ValidationError(`Unknown client option: ${key}`, { argument: key });
    }
  }
}

export function resolveTransport(
  options: TransportOptions,
  defaults: { timeout: { connect: number; read: number } },
): ResolvedTransport {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('Client options must be an object with at least baseUrl', {
      argument: 'options',
    });
  }
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const timeout = {
    connect: positiveSeconds(options.timeout?.connect ?? defaults.timeout.connect, 'timeout.connect'),
    read: positiveSeconds(options.timeout?.read ?? defaults.timeout.read, 'timeout.read'),
  };
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ValidationError('maxRetries must be a whole number ≥ 0', { argument: 'maxRetries' });
  }
  const retry = { ...DEFAULT_RETRY };
  for (const key of Object.keys(DEFAULT_RETRY) as (keyof RetryDelayOptions)[]) {
    const value = options.retry?.[key];
    if (value !== undefined) retry[key] = nonNegativeSeconds(value, `retry.${key}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new ValidationError('fetch must be a function', { argument: 'fetch' });
  }
  const userFetch = options.fetch;
  return {
    baseUrl,
    timeout,
    maxRetries,
    retry,
    // Looked up per call, so a fetch patched after construction (by a test library, say) is used.
    fetch: userFetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: { ...options.headers },
    logger: resolveLogger(options.logger, readEnv('SYNAPSE_DEBUG') === '1'),
    allowInsecureHttp: options.allowInsecureHttp === true,
  };
}

/** The backend auth headers (Python `BackendClient._get_headers`), with the documented env fallbacks. */
export function backendAuthHeaders(options: ClientOptions): {
  headers: Record<string, string>;
  secrets: string[];
} {
  const access =
    options.apiToken ??
    options.accessToken ??
    readEnv('SYNAPSE_API_TOKEN') ??
    readEnv('SYNAPSE_ACCESS_TOKEN');
  const agent = options.agentToken ?? readEnv('SYNAPSE_AGENT_TOKEN');
  const headers: Record<string, string> = {};
  const pairs: [option: string, header: string, value: unknown][] = [
    ['apiToken', 'Synapse-Access-Token', access],
    ['authorizationToken', 'Authorization', options.authorizationToken],
    ['tenant', 'Synapse-Tenant', options.tenant],
    ['agentToken', 'SYNAPSE-Agent', agent],
  ];
  const secrets: string[] = [];
  for (const [option, name, value] of pairs) {
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') {
      throw new ValidationError(`${option} must be a string`, { argument: option });
    }
    headers[name] = `Token ${value}`;
    secrets.push(value);
  }
  return { headers, secrets };
}
