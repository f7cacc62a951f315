import { reasonPhrase } from './status-text.js';

const BRAND = Symbol.for('@synapse/sdk.error');

/** Which part of the SDK raised an error; read through the brand so it works across duplicate installs. */
export type SynapseErrorKind = 'client' | 'validation' | 'response' | 'abort';

/** Base of every error the SDK throws. */
export class SynapseError extends Error {
  declare readonly [BRAND]: SynapseErrorKind;
  // Each class names itself with a literal: a minifier renames classes, and `new.target.name` with them.
  override name: string = 'SynapseError';

  constructor(kind: SynapseErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, BRAND, { value: kind, enumerable: false });
  }

  /** What `JSON.stringify` shows of the error: its name and message (and, for subclasses, their own fields). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** What a `ClientError` is built from, besides its status and message. */
export interface ClientErrorInit {
  /** Python's `reason`: the parsed body for 400, the reason phrase otherwise. Defaults accordingly. */
  reason?: unknown;
  body?: unknown;
  headers?: Record<string, string>;
  method?: string;
  url?: string;
  /** `Backend`, `Agent` or `Ray`. */
  clientName?: string;
  cause?: unknown;
}

/**
 * An HTTP or transport failure, with the Python client's `status` and `reason`.
 * Everything on it (message, url, body, headers) has already had secrets removed.
 */
export class ClientError extends SynapseError {
  override name = 'ClientError';
  readonly status: number;
  readonly reason: unknown;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly clientName: string | undefined;

  constructor(status: number, message: string, init: ClientErrorInit = {}) {
    super('client', message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = status;
    this.body = init.body;
    this.reason =
      init.reason ?? (status === 400 && init.body !== undefined ? init.body : reasonPhrase(status));
    this.headers = init.headers ?? {};
    this.method = init.method;
    this.url = init.url;
    this.clientName = init.clientName;
  }

  /** Alias of `status`, as the Synapse docs' examples read it. */
  get statusCode(): number {
    return this.status;
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      reason: this.reason,
      method: this.method,
      url: this.url,
      body: this.body,
    };
  }
}

export class BadRequestError extends ClientError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends ClientError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends ClientError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends ClientError {
  override name = 'NotFoundError';
}
export class ConflictError extends ClientError {
  override name = 'ConflictError';
}
export class ServerError extends ClientError {
  override name = 'ServerError';
}

export class RateLimitError extends ClientError {
  override name = 'RateLimitError';
  /** Seconds the server asked us to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;

  constructor(status: number, message: string, init: ClientErrorInit & { retryAfter?: number } = {}) {
    super(status, message, init);
    this.retryAfter = init.retryAfter;
  }
}

/** The connection could not be made or broke (Python: 503, or 500 for other request failures). */
export class ConnectionError extends ClientError {
  override name = 'ConnectionError';
}

/**
 * A reply that breaks the protocol: a chunk reply without `url`/`offset`, a completing reply without `id`, a link
 * that is no URL. Sending the request again would not help. Status 500, reason `Invalid reply`.
 */
export class ProtocolError extends ClientError {
  override name = 'ProtocolError';
  constructor(message: string, init: Omit<ClientErrorInit, 'reason'> = {}) {
    super(500, message, { ...init, reason: 'Invalid reply' });
  }
}

/** The server did not answer in time (Python: 408). */
export class TimeoutError extends ClientError {
  override name = 'TimeoutError';
  readonly phase: 'connect' | 'read';

  constructor(message: string, init: ClientErrorInit & { phase: 'connect' | 'read' }) {
    super(408, message, init);
    this.phase = init.phase;
  }
}

/** Bad input, found before any request was sent. */
export class ValidationError extends SynapseError {
  override name = 'ValidationError';
  /** The argument (or response field) at fault, e.g. `id` or `data.status`. */
  readonly argument: string | undefined;
  readonly issues: readonly string[];

  constructor(
    message: string,
    init: { argument?: string; issues?: readonly string[]; cause?: unknown } = {},
  ) {
    super('validation', message, init.cause === undefined ? undefined : { cause: init.cause });
    this.argument = init.argument;
    this.issues = init.issues ?? [];
  }

  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, argument: this.argument, issues: this.issues };
  }
}

/**
 * A reply that does not have the shape its method promises: the server's doing, not the caller's input. It names
 * the request and the path of each bad field (`results.0.id: expected number`), never the values the server sent.
 */
export class ResponseValidationError extends SynapseError {
  override name = 'ResponseValidationError';
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** The dot path of the first bad field (`undefined` when the reply as a whole is wrong). */
  readonly path: string | undefined;
  readonly issues: readonly string[];

  constructor(
    message: string,
    init: { method?: string; url?: string; path?: string; issues?: readonly string[] } = {},
  ) {
    super('response', message);
    this.method = init.method;
    this.url = init.url;
    this.path = init.path;
    this.issues = init.issues ?? [];
  }

  override toJSON(): Record<string, unknown> {
    const { name, message, method, url, path, issues } = this;
    return { name, message, method, url, path, issues };
  }
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends SynapseError {
  override name = 'AbortError';
  constructor(message = 'The request was aborted', options?: { cause?: unknown }) {
    super('abort', message, options);
  }
}

function kindOf(value: unknown): SynapseErrorKind | undefined {
  return (value as { [BRAND]?: SynapseErrorKind } | null | undefined)?.[BRAND];
}

/** Whether `value` is any error of the SDK, from any copy of the package (ESM or CJS). */
export function isSynapseError(value: unknown): value is SynapseError {
  return kindOf(value) !== undefined;
}

/** Whether `value` is a `ClientError` (an HTTP or transport failure), from any copy of the package. */
export function isClientError(value: unknown): value is ClientError {
  return kindOf(value) === 'client';
}

/** Whether `value` is a `ValidationError` (bad input, refused before any request), from any copy of the package. */
export function isValidationError(value: unknown): value is ValidationError {
  return kindOf(value) === 'validation';
}

/** Whether `value` is an `AbortError` (the caller's signal fired), from any copy of the package. */
export function isAbortError(value: unknown): value is AbortError {
  return kindOf(value) === 'abort';
}

/** Builds the `ClientError` subclass that matches an HTTP status. */
export function errorForStatus(
  status: number,
  message: string,
  init: ClientErrorInit & { retryAfter?: number } = {},
): ClientError {
  if (status === 400) return new BadRequestError(status, message, init);
  if (status === 401) return new AuthenticationError(status, message, init);
  if (status === 403) return new PermissionDeniedError(status, message, init);
  if (status === 404) return new NotFoundError(status, message, init);
  if (status === 409) return new ConflictError(status, message, init);
  if (status === 429) return new RateLimitError(status, message, init);
  if (status >= 500) return new ServerError(status, message, init);
  return new ClientError(status, message, init);
}

/** Whether `value` is a `ResponseValidationError` (a reply of another shape), from any copy of the package. */
export function isResponseValidationError(value: unknown): value is ResponseValidationError {
  return kindOf(value) === 'response';
}
