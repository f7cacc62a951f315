import { defaultFetch } from './default-fetch.js';
import { describeValue } from './describe.js';
import { readEnv } from './env.js';
import { ValidationError } from './errors.js';
import { assertHeaders, assertHeaderValue } from './headers.js';
import { type Logger, resolveLogger } from './logger.js';
import { OriginPolicy } from './origins.js';

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

/** A `fetch` a client can be given (the `fetch` option): the standard signature. */
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
  /**
   * A `fetch` to use instead of the default: on Node, a fetch over undici's `request` (`SYNAPSE_TRANSPORT=fetch`
   * picks Node's global fetch instead); elsewhere, the platform's.
   */
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
  /**
   * Origins besides the base URL's that may receive the client's credentials (e.g. a separate upload host),
   * as `https://host[:port]`. Requests elsewhere never carry them.
   */
  trustedOrigins?: string[];
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
  origins: OriginPolicy;
}

export const DEFAULT_TIMEOUT = { connect: 5, read: 30 } as const;
const DEFAULT_RETRY: Required<RetryDelayOptions> = { initialDelay: 0.5, maxDelay: 8, maxRetryAfter: 60 };

/** Checks a duration in seconds: positive and finite. */
export function positiveSeconds(value: unknown, argument: string): number {
  if (!Number.isFinite(value) || (value as number) <= 0) {
    throw new ValidationError(`${argument} must be a positive number of seconds`, { argument });
  }
  return value as number;
}

function nonNegativeSeconds(value: unknown, argument: string): number {
  if (!Number.isFinite(value) || (value as number) < 0) {
    throw new ValidationError(`${argument} must be a number of seconds ≥ 0`, { argument });
  }
  return value as number;
}

/** Checks a `timeout` option (client or call): `{ connect?, read? }` of positive, finite seconds. */
export function checkTimeout(value: unknown, argument: string): TimeoutOptions | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(
      `${argument} must be { connect?, read? } in seconds, got ${describeValue(value)}`,
      {
        argument,
      },
    );
  }
  for (const [name, seconds] of Object.entries(value)) {
    if (name !== 'connect' && name !== 'read') {
      throw new ValidationError(
        `${argument}.${name} is unknown: ${argument} takes only connect and read (seconds)`,
        {
          argument: `${argument}.${name}`,
        },
      );
    }
    if (seconds !== undefined) positiveSeconds(seconds, `${argument}.${name}`);
  }
  return value as TimeoutOptions;
}

/** Checks a `retry` option and fills in its defaults. */
function resolveRetry(value: unknown): Required<RetryDelayOptions> {
  const retry = { ...DEFAULT_RETRY };
  if (value === undefined) return retry;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('retry must be { initialDelay?, maxDelay?, maxRetryAfter? } in seconds', {
      argument: 'retry',
    });
  }
  for (const [key, seconds] of Object.entries(value)) {
    if (!(key in DEFAULT_RETRY)) {
      throw new ValidationError(
        `retry.${key} is unknown: retry takes initialDelay, maxDelay and maxRetryAfter`,
        {
          argument: `retry.${key}`,
        },
      );
    }
    if (seconds !== undefined)
      retry[key as keyof RetryDelayOptions] = nonNegativeSeconds(seconds, `retry.${key}`);
  }
  return retry;
}

/** A base URL as it may be shown in an error: no credentials, query or fragment, and not too long. */
function showableUrl(value: string): string {
  const bare = value.replace(/\/\/[^/?#]*@/, '//[REDACTED]@').replace(/[?#].*/s, '');
  return JSON.stringify(bare.length > 100 ? `${bare.slice(0, 100)}…` : bare);
}

function invalidBaseUrl(reason: string): ValidationError {
  return new ValidationError(`baseUrl ${reason}`, { argument: 'baseUrl' });
}

/**
 * Validates a base URL and returns it in its parsed form (scheme and host lower-cased) without trailing slashes.
 * Its text is never echoed whole: a mistyped URL may hold a token.
 */
export function normalizeBaseUrl(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidBaseUrl('is required: the service URL, e.g. https://api.example.com');
  }
  if (value.trim() !== value) throw invalidBaseUrl('must not start or end with spaces');
  // URL parsing drops tabs and newlines silently; a base URL that holds them is a mistake.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being refused.
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalidBaseUrl('must not contain control characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidBaseUrl(`is not a valid URL: ${showableUrl(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidBaseUrl(`must use http or https, not ${url.protocol}`);
  }
  if (url.username || url.password)
    throw invalidBaseUrl('must not carry credentials; pass tokens as options');
  if (url.search || value.includes('?'))
    throw invalidBaseUrl('must not have a query (?…); pass params per call');
  if (url.hash || value.includes('#')) throw invalidBaseUrl('must not have a fragment (#…)');
  return url.href.replace(/\/+$/, '');
}

const TRANSPORT_KEYS = new Set([
  'baseUrl',
  'trustedOrigins',
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
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const given = checkTimeout(options.timeout, 'timeout');
  const timeout = {
    connect: given?.connect ?? defaults.timeout.connect,
    read: given?.read ?? defaults.timeout.read,
  };
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ValidationError('maxRetries must be a whole number ≥ 0', { argument: 'maxRetries' });
  }
  const retry = resolveRetry(options.retry);
  if (options.headers !== undefined) assertHeaders(options.headers, 'headers');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new ValidationError('fetch must be a function', { argument: 'fetch' });
  }
  const userFetch = options.fetch;
  const allowInsecureHttp = options.allowInsecureHttp ?? false;
  if (typeof allowInsecureHttp !== 'boolean') {
    throw new ValidationError('allowInsecureHttp must be true or false', { argument: 'allowInsecureHttp' });
  }
  return {
    baseUrl,
    timeout,
    maxRetries,
    retry,
    fetch: userFetch ?? defaultFetch(),
    headers: { ...options.headers },
    logger: resolveLogger(options.logger, readEnv('SYNAPSE_DEBUG') === '1'),
    allowInsecureHttp,
    origins: new OriginPolicy(baseUrl, options.trustedOrigins, allowInsecureHttp),
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
    assertHeaderValue(value, option);
    headers[name] = `Token ${value}`;
    secrets.push(value);
  }
  return { headers, secrets };
}
