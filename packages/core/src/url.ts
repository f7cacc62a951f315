import { describeValue } from './describe.js';
import { ValidationError } from './errors.js';

/** Python `_get_url`: absolute URLs verbatim, else `base/` + path without leading slashes. */
export function joinUrl(baseUrl: string, path: string, trailingSlash = false): string {
  let url = /^https?:\/\//i.test(path) ? path : `${baseUrl}/${path.replace(/^\/+/, '')}`;
  if (trailingSlash) {
    const queryAt = url.indexOf('?');
    const bare = queryAt === -1 ? url : url.slice(0, queryAt);
    if (!bare.endsWith('/')) url = `${bare}/${queryAt === -1 ? '' : url.slice(queryAt)}`;
  }
  return url;
}

/** A value that may stand in a path segment. */
export type PathParam = string | number;

const MAX_SEGMENT = 1024;

/** Checks one path parameter and percent-encodes it. */
export function encodePathParam(value: unknown, argument: string): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new ValidationError(`${argument} must be a whole number ≥ 0, got ${String(value)}`, { argument });
    }
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new ValidationError(`${argument} must be a string or a number, got ${describeValue(value)}`, {
      argument,
    });
  }
  if (value.trim() === '') throw new ValidationError(`${argument} must not be empty`, { argument });
  if (value.length > MAX_SEGMENT) {
    throw new ValidationError(`${argument} is too long (${value.length} characters)`, { argument });
  }
  if (value === '.' || value.includes('..') || /[/\\]/.test(value)) {
    throw new ValidationError(`${argument} must be a single path segment, got ${JSON.stringify(value)}`, {
      argument,
    });
  }
  return encodeURIComponent(value);
}

/**
 * Builds a request path from a template, checking and encoding each parameter:
 * `path('tasks/{id}/', { id })` → `tasks/12/`. Parameter names double as argument names in errors.
 */
export function path(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodePathParam(params[name], name));
}

/** Query values as the Python client (requests) sends them: lists repeat, `None` is dropped, booleans `True`. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number | boolean>;
/** A request's query parameters; `undefined` values are left out, arrays repeat the key. */
export type QueryParams = Record<string, QueryValue>;

function formatQueryValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** Appends params to a URL that may already carry a query (`?expand=…`). */
export function withQuery(url: string, params: QueryParams | undefined): string {
  if (!params) return url;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as ReadonlyArray<string | number | boolean>)
        search.append(key, formatQueryValue(item));
    } else {
      search.append(key, formatQueryValue(value as string | number | boolean));
    }
  }
  const query = search.toString();
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** Checks that query params are a plain object of scalar (or list) values. */
export function assertQueryParams(
  params: unknown,
  argument = 'params',
): asserts params is QueryParams | undefined {
  if (params === undefined || params === null) return;
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new ValidationError(`${argument} must be an object of query parameters`, { argument });
  }
  for (const [key, value] of Object.entries(params)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const ok =
        item === undefined ||
        item === null ||
        typeof item === 'string' ||
        typeof item === 'boolean' ||
        Number.isFinite(item);
      if (!ok) {
        throw new ValidationError(`${argument}.${key} must be a string, number or boolean`, {
          argument: `${argument}.${key}`,
        });
      }
    }
  }
}
