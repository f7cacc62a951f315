import { ValidationError } from './errors.js';

/**
 * JSON text exactly as Python's `json.dumps` writes it with default settings (what the Python client sends):
 * `", "` and `": "` separators and non-ASCII characters escaped as `\uXXXX`. Values JSON cannot hold are treated
 * as `JSON.stringify` treats them (`undefined` members left out, `toJSON` honoured).
 */
export function pythonJsonDumps(value: unknown, argument = 'data'): string {
  const out = serialize(value, '', { argument, ancestors: new Set() });
  return out === undefined ? 'null' : out;
}

/** Deeper than any real request body, and well within the call stack of every runtime. */
const MAX_DEPTH = 1000;

interface Walk {
  argument: string;
  /** The objects being written around the current value: meeting one again is a cycle. */
  ancestors: Set<object>;
}

function escapeString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function serialize(value: unknown, key: string, walk: Walk): string | undefined {
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
    case 'object':
      return serializeObject(current as object, walk);
    default:
      return undefined;
  }
}

function serializeObject(value: object, walk: Walk): string {
  if (walk.ancestors.has(value)) {
    throw new ValidationError(
      `${walk.argument} refers to itself (a circular structure cannot be sent as JSON)`,
      {
        argument: walk.argument,
      },
    );
  }
  if (walk.ancestors.size >= MAX_DEPTH) {
    throw new ValidationError(`${walk.argument} is nested more than ${MAX_DEPTH} levels deep`, {
      argument: walk.argument,
    });
  }
  walk.ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, index) => serialize(item, String(index), walk) ?? 'null').join(', ')}]`;
    }
    const members: string[] = [];
    for (const [name, item] of Object.entries(value)) {
      const text = serialize(item, name, walk);
      if (text !== undefined) members.push(`${escapeString(name)}: ${text}`);
    }
    return `{${members.join(', ')}}`;
  } finally {
    walk.ancestors.delete(value);
  }
}
