/**
 * JSON text exactly as Python's `json.dumps` writes it with default settings (what the Python client sends):
 * `", "` and `": "` separators and non-ASCII characters escaped as `\uXXXX`. Values JSON cannot hold are treated
 * as `JSON.stringify` treats them (`undefined` members left out, `toJSON` honoured).
 */
export function pythonJsonDumps(value: unknown): string {
  const out = serialize(value, '');
  return out === undefined ? 'null' : out;
}

function escapeString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function serialize(value: unknown, key: string): string | undefined {
  let current = value;
  if (
    current !== null &&
    typeof current === 'object' &&
    typeof (current as { toJSON?: unknown }).toJSON === 'function'
  ) {
    current = (current as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  if (current === null) return 'null';
  switch (typeof current) {
    case 'string':
      return escapeString(current);
    case 'number':
      return Number.isFinite(current) ? JSON.stringify(current) : 'null';
    case 'boolean':
      return current ? 'true' : 'false';
    case 'bigint':
      return current.toString();
    case 'object': {
      if (Array.isArray(current)) {
        return `[${current.map((item, index) => serialize(item, String(index)) ?? 'null').join(', ')}]`;
      }
      const members: string[] = [];
      for (const [name, item] of Object.entries(current)) {
        const text = serialize(item, name);
        if (text !== undefined) members.push(`${escapeString(name)}: ${text}`);
      }
      return `{${members.join(', ')}}`;
    }
    default:
      return undefined;
  }
}
