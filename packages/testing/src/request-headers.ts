function text(value: unknown): string {
  return value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value);
}

/**
 * Headers as a dispatcher receives them: a record (values may be lists), a flat `[name, value, …]` list, a list
 * of pairs, or any iterable of pairs (`Headers`).
 */
function entries(raw: unknown): [string, string][] {
  if (raw === null || raw === undefined) return [];
  if (Array.isArray(raw) && !raw.some(Array.isArray)) {
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([text(raw[i]), text(raw[i + 1])]);
    return pairs;
  }
  if (typeof raw === 'object' && Symbol.iterator in raw) {
    return [...(raw as Iterable<[unknown, unknown]>)].map(([name, value]) => [text(name), text(value)]);
  }
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, text(one)]);
  }
  return pairs;
}

/** One record with lower-cased names; a repeated header becomes one value joined with `, `, as fetch joins it. */
export function headerRecord(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of entries(raw)) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

/** What Node's fetch adds to every request the caller did not set itself, and the values it gives them. */
const FETCH_DEFAULTS: Record<string, string[]> = {
  accept: ['*/*'],
  'accept-language': ['*'],
  'user-agent': ['node', 'undici'],
  'accept-encoding': ['br, gzip, deflate', 'gzip, deflate'],
};

/**
 * The headers the client gave its transport. fetch adds some of its own before the dispatcher sees them:
 * `sec-fetch-mode` (always: it marks a request as fetch's), the defaults above when the caller set none, and a
 * `content-length` it computes for a body of known length (a streamed body's length is the caller's word and
 * stays). Those are left out, so a request reads the same whichever transport sent it; a caller that sets one
 * of them to fetch's own value is not told apart. `host` is added from the origin, as it goes on the wire.
 */
export function clientHeaders(raw: unknown, origin: string, streamed: boolean): Record<string, string> {
  const headers = headerRecord(raw);
  if (headers['sec-fetch-mode'] !== undefined) {
    delete headers['sec-fetch-mode'];
    for (const [name, values] of Object.entries(FETCH_DEFAULTS)) {
      if (values.includes(headers[name] ?? '')) delete headers[name];
    }
    if (!streamed) delete headers['content-length'];
  }
  return { ...headers, host: headers.host ?? new URL(origin).host };
}
