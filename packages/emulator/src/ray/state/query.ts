import type { Schema } from './columns.js';
import type { Row } from './seed.js';

/** Raised for a bad State API query; answered as `{result: false, msg}` with HTTP 400. */
export class StateQueryError extends Error {}

export const MAX_LIMIT = 10_000;

interface Filter {
  key: string;
  predicate: '=' | '!=';
  value: string | number | boolean;
}

export interface ListOptions {
  limit: number;
  detail: boolean;
  excludeDriver: boolean;
  filters: Filter[];
}

function parseBool(text: string | undefined, fallback: boolean): boolean {
  if (text === undefined) return fallback;
  return text.toLowerCase() === 'true' || text === '1';
}

function parseInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value))
    throw new StateQueryError(`invalid literal for int() with base 10: '${text}' (${name})`);
  return value;
}

function convertValue(schema: Schema, key: string, text: string): Filter['value'] {
  const type = schema[key]?.type ?? 'string';
  if (type === 'int') {
    const value = Number(text);
    if (!Number.isInteger(value))
      throw new StateQueryError(`invalid literal for int() with base 10: '${text}'`);
    return value;
  }
  if (type === 'bool') {
    const lowered = text.toLowerCase();
    if (lowered !== 'true' && lowered !== 'false') {
      throw new StateQueryError(
        `Invalid filter \`--filter ${key} ${text}\` for a boolean type column. Please provide either \`--filter ${key} True\` or \`--filter ${key} False\`.`,
      );
    }
    return lowered === 'true';
  }
  return text;
}

/** Parses `limit`, `timeout`, `detail`, `exclude_driver` and the parallel `filter_*` lists. */
export function parseListOptions(query: URLSearchParams, schema: Schema): ListOptions {
  const limit = parseInteger('limit', query.get('limit') ?? undefined, 100);
  if (limit > MAX_LIMIT) {
    throw new StateQueryError(
      `Given limit ${limit} exceeds the supported limit ${MAX_LIMIT}. Use a lower limit.`,
    );
  }
  const timeout = parseInteger('timeout', query.get('timeout') ?? undefined, 30);
  // Ray keeps 80 % of the timeout for itself, truncated, and rejects a result of 0.
  if (Math.trunc(timeout * 0.8) === 0) throw new StateQueryError('0 second timeout is not supported.');
  const keys = query.getAll('filter_keys');
  const predicates = query.getAll('filter_predicates');
  const values = query.getAll('filter_values');
  if (keys.length !== predicates.length || keys.length !== values.length) {
    throw new StateQueryError('filter_keys, filter_predicates and filter_values must have the same length.');
  }
  const filterable = Object.keys(schema).filter((key) => schema[key]?.filterable);
  const filters = keys.map((key, i): Filter => {
    const predicate = predicates[i] ?? '';
    if (predicate !== '=' && predicate !== '!=') {
      throw new StateQueryError(
        `Unsupported filter predicate ${predicate} is given. Available predicates: =, !=.`,
      );
    }
    if (!filterable.includes(key)) {
      throw new StateQueryError(
        `The given filter column ${key} is not supported. Enter filters with –-filter key=value or –-filter key!=value Supported filter columns: {${filterable.map((k) => `'${k}'`).join(', ')}}`,
      );
    }
    return { key, predicate, value: convertValue(schema, key, values[i] ?? '') };
  });
  return {
    limit,
    detail: parseBool(query.get('detail') ?? undefined, false),
    excludeDriver: parseBool(query.get('exclude_driver') ?? undefined, true),
    filters,
  };
}

function matches(row: Row, filter: Filter): boolean {
  const actual = row[filter.key];
  const equal =
    typeof actual === 'string' && typeof filter.value === 'string'
      ? actual.toLowerCase() === filter.value.toLowerCase()
      : actual === filter.value;
  return filter.predicate === '=' ? equal : !equal;
}

function project(row: Row, schema: Schema, detail: boolean): Row {
  const out: Row = {};
  for (const [key, column] of Object.entries(schema)) {
    if (detail || !column.detail) out[key] = row[key] ?? null;
  }
  return out;
}

/** The `data.result` object of a State API list reply. */
export function listResult(rows: Row[], schema: Schema, options: ListOptions, sortKey: string) {
  const sorted = [...rows].sort((a, b) => String(a[sortKey] ?? '').localeCompare(String(b[sortKey] ?? '')));
  const filtered = sorted.filter((row) => options.filters.every((filter) => matches(row, filter)));
  return {
    total: rows.length,
    num_after_truncation: rows.length,
    num_filtered: filtered.length,
    result: filtered.slice(0, Math.max(0, options.limit)).map((row) => project(row, schema, options.detail)),
    partial_failure_warning: '',
    warnings: null,
  };
}
