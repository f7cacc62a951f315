import { ValidationError } from './errors.js';
import { assertHeaders } from './headers.js';
import { checkTimeout } from './options.js';
import type { CallOptions } from './request.js';

/** The options every call takes from its caller. */
const CALL_OPTION_KEYS = ['signal', 'timeout', 'headers', 'maxRetries'];

/**
 * Checks a method's options before anything is sent: an object whose keys are the call options (`signal`,
 * `timeout`, `headers`, `maxRetries`) or the method's `own` (e.g. `listAll`), each call option valid. Anything
 * else is `Unknown option: x`, naming `options.x`.
 */
export function assertCallOptions(options: unknown, own: readonly string[] = []): void {
  // A string or an array spread into the options object shows up as index keys.
  if (typeof options !== 'object' || options === null || Array.isArray(options) || '0' in options) {
    throw new ValidationError('options must be an object', { argument: 'options' });
  }
  for (const key of Object.keys(options)) {
    if (!CALL_OPTION_KEYS.includes(key) && !own.includes(key)) {
      throw new ValidationError(`Unknown option: ${key}`, { argument: `options.${key}` });
    }
  }
  const { signal, timeout, headers, maxRetries } = options as CallOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ValidationError('options.signal must be an AbortSignal', { argument: 'options.signal' });
  }
  checkTimeout(timeout, 'options.timeout');
  if (headers !== undefined) assertHeaders(headers, 'options.headers');
  if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < 0)) {
    throw new ValidationError('options.maxRetries must be a whole number ≥ 0', {
      argument: 'options.maxRetries',
    });
  }
}

/**
 * `base` with `extra` on top, as a call's headers come after the client's; a name in `extra` replaces the same
 * name in `base` whatever its case, so each header is sent once.
 */
export function mergeHeaders(
  base: Record<string, string>,
  extra: Record<string, string> | undefined,
): Record<string, string> {
  if (!extra) return { ...base };
  const replaced = new Set(Object.keys(extra).map((name) => name.toLowerCase()));
  const kept = Object.entries(base).filter(([name]) => !replaced.has(name.toLowerCase()));
  return { ...Object.fromEntries(kept), ...extra };
}
