import { assertHeaderValue, type CallOptions, isCredentialHeader, ValidationError } from '@synapse/core';

/** The options every call takes from its caller. */
const CALL_OPTION_KEYS = ['signal', 'timeout', 'headers', 'maxRetries'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * Checks a method's options before anything is sent, as the request pipeline checks a call's: an object whose
 * keys are the call options (`signal`, `timeout`, `headers`, `maxRetries`) or the method's `own`, each call option
 * valid. Same messages and `argument`s as every other method's (`Unknown option: x` → `options.x`).
 */
export function checkCallOptions(options: unknown, own: readonly string[] = []): void {
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
  if (timeout !== undefined) checkTimeout(timeout);
  if (headers !== undefined) checkHeaders(headers);
  if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < 0)) {
    throw new ValidationError('options.maxRetries must be a whole number ≥ 0', {
      argument: 'options.maxRetries',
    });
  }
}

function checkTimeout(value: unknown): void {
  const argument = 'options.timeout';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${argument} must be { connect?, read? } in seconds, got ${kind(value)}`, {
      argument,
    });
  }
  for (const [name, seconds] of Object.entries(value)) {
    if (name !== 'connect' && name !== 'read') {
      throw new ValidationError(
        `${argument}.${name} is unknown: ${argument} takes only connect and read (seconds)`,
        { argument: `${argument}.${name}` },
      );
    }
    if (seconds !== undefined && (!Number.isFinite(seconds) || seconds <= 0)) {
      throw new ValidationError(`${argument}.${name} must be a positive number of seconds`, {
        argument: `${argument}.${name}`,
      });
    }
  }
}

function checkHeaders(headers: unknown): void {
  const argument = 'options.headers';
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ValidationError(`${argument} must be an object of strings`, { argument });
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw new ValidationError(`${argument} has an invalid header name ${JSON.stringify(name)}`, {
        argument: `${argument}.${name}`,
      });
    }
    assertHeaderValue(value, `${argument}.${name}`);
  }
}

/**
 * `base` with `extra` on top, as the request pipeline orders a call's headers after the client's; a name in `extra`
 * replaces the same name in `base` whatever its case, so each header is sent once.
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

/**
 * The secrets a call's headers carry: each credential header's value, and the token after its scheme
 * (`Bearer X` → `X`), which a server may echo on its own.
 */
export function headerSecrets(headers: Record<string, string> | undefined): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!isCredentialHeader(name) || value === '') continue;
    secrets.push(value);
    const scheme = /^[A-Za-z][\w.+-]*\s+(\S.*)/.exec(value);
    if (scheme?.[1]) secrets.push(scheme[1]);
  }
  return secrets;
}
