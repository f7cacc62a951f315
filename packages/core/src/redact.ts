const MASK = '[REDACTED]';
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'synapse-access-token',
  'synapse-tenant',
  'synapse-agent',
  'synapse-user',
  'agent-token',
  'cookie',
  'set-cookie',
  'proxy-authorization',
]);

/** Removes a client's secrets from anything that may reach a log line, an error message or `toJSON()`. */
export class Redactor {
  readonly #secrets: string[];
  /** Each secret, and its percent-encoded form where that differs. */
  readonly #forms: string[];

  /**
   * `secrets` shorter than 4 characters are ignored (masking them everywhere would garble every message);
   * `exact` ones are masked whatever their length.
   */
  constructor(secrets: ReadonlyArray<string | undefined>, exact: readonly string[] = []) {
    const long = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
    const given = exact.filter((s) => typeof s === 'string' && s.length > 0);
    // Longest first, so a token that contains another is masked whole.
    this.#secrets = [...new Set([...long, ...given])].sort((a, b) => b.length - a.length);
    this.#forms = this.#secrets.flatMap((secret) => {
      const encoded = encodeURIComponent(secret);
      return encoded === secret ? [secret] : [secret, encoded];
    });
  }

  /** A redactor that also masks `extra` (per-call secrets, e.g. a token in a path), whatever their length. */
  with(extra: readonly string[]): Redactor {
    return new Redactor(this.#secrets, extra);
  }

  text(value: string): string {
    let out = value;
    for (const form of this.#forms) if (out.includes(form)) out = out.split(form).join(MASK);
    return out;
  }

  value<T>(value: T): T {
    if (this.#secrets.length === 0) return value;
    return this.#walk(value, 0) as T;
  }

  headers(headers: Headers | Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
    for (const [name, value] of entries) {
      out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? MASK : this.text(value);
    }
    return out;
  }

  #walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (depth > 20 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => this.#walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.#walk(item, depth + 1);
    return out;
  }
}
