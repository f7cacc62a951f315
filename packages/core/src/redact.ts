import { isSynapseError } from './errors.js';
import { isCredentialHeader } from './headers.js';

const MASK = '[REDACTED]';
const TOO_DEEP = '[nested too deep]';
const MAX_DEPTH = 20;
const MAX_CAUSES = 6;

/** Removes a client's secrets from anything that may reach a log line, an error message or `toJSON()`. */
export class Redactor {
  readonly #secrets: string[];
  /** Each secret and its percent-encoded form (the same string once when they do not differ). */
  readonly #forms: string[];

  /**
   * `secrets` shorter than 4 characters are ignored (masking them everywhere would garble every message);
   * `exact` ones are masked whatever their length.
   */
  constructor(secrets: ReadonlyArray<string | undefined>, exact: readonly string[] = []) {
    const long = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
    const given = exact.filter((s) => s.length > 0);
    // Longest first, so a token that contains another is masked whole.
    this.#secrets = [...new Set([...long, ...given])].sort((a, b) => b.length - a.length);
    this.#forms = [...new Set(this.#secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]))];
  }

  /** A redactor that also masks `extra` (per-call secrets, e.g. a token in a path), whatever their length. */
  with(extra: readonly string[]): Redactor {
    return extra.length === 0 ? this : new Redactor(this.#secrets, extra);
  }

  text(value: string): string {
    let out = value;
    for (const form of this.#forms) out = out.replaceAll(form, MASK);
    return out;
  }

  value<T>(value: T): T {
    if (this.#secrets.length === 0) return value;
    return this.#walk(value, 0) as T;
  }

  /** Header values with credentials masked by name, and every secret masked in the others. */
  headers(headers: Headers | Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
    for (const [name, value] of entries) out[name] = isCredentialHeader(name) ? MASK : this.text(value);
    return out;
  }

  /**
   * The one place an error is made safe to show: its message, stack and every field a `ClientError` or
   * `ValidationError` carries (reason, body, headers, url, issues), and a copy of its cause chain. SDK errors
   * are cleaned in place; any other error is returned as a cleaned copy.
   */
  error<E>(error: E): E {
    return this.#error(error, 0) as E;
  }

  #error(error: unknown, depth: number): unknown {
    if (!(error instanceof Error)) return error;
    // A cause chain deeper than this (or a cycle) is cut rather than shown unmasked.
    if (depth > MAX_CAUSES) return undefined;
    const fields = error as unknown as Record<string, unknown>;
    const cause = this.#error(fields.cause, depth + 1);
    if (!isSynapseError(error)) {
      const copy = new Error(this.text(error.message), cause === undefined ? undefined : { cause });
      copy.name = error.name;
      copy.stack = `${copy.name}: ${copy.message}`;
      if (fields.code !== undefined) Object.assign(copy, { code: fields.code });
      return copy;
    }
    // The fields are the error's own (ClientError's, ValidationError's, Error's cause and stack): set in place.
    error.message = this.text(error.message);
    error.stack &&= this.text(error.stack);
    if (cause !== undefined) fields.cause = cause;
    for (const key of ['reason', 'body', 'issues'] as const)
      if (key in fields) fields[key] = this.value(fields[key]);
    if (typeof fields.url === 'string') fields.url = this.text(fields.url);
    if (isHeaderRecord(fields.headers)) fields.headers = this.headers(fields.headers);
    return error;
  }

  #walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value !== 'object' || value === null) return value;
    // Deeper than any real reply, or a cycle: not shown rather than shown unmasked.
    if (depth > MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) return value.map((item) => this.#walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.#walk(item, depth + 1);
    return out;
  }
}

function isHeaderRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
