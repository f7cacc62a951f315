import { type CallOptions, parseInput, type QueryParams } from '@synapse/core';
import * as v from 'valibot';
import { envelopeError } from './errors.js';
import type { StateList, StateListOptions, StateRow, TaskListOptions } from './schemas.js';

const FilterSchema = v.tuple([
  v.pipe(v.string(), v.nonEmpty()),
  v.picklist(['=', '!=']),
  v.union([v.string(), v.number(), v.boolean()]),
]);
const OptionsSchema = v.object({
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  detail: v.optional(v.boolean()),
  filters: v.optional(v.array(FilterSchema)),
  timeout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  excludeDriver: v.optional(v.boolean()),
});

/** A State API reply: `{result, msg, data: {result: {result: rows, …}}}`. */
export interface StateEnvelope {
  result?: boolean;
  msg?: string;
  data?: {
    result?: {
      result?: StateRow[];
      total?: number;
      num_after_truncation?: number;
      num_filtered?: number;
      partial_failure_warning?: string | null;
      warnings?: string[] | null;
    } | null;
  };
}

const bool = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

/**
 * Splits a State API list's options into its validated query (`limit`, `detail`, `filter_*`, …) and the rest,
 * the call options.
 */
export function stateListQuery(options: (StateListOptions | TaskListOptions) & CallOptions): {
  params: QueryParams;
  call: CallOptions;
} {
  const { limit, detail, filters, timeout, ...rest } = options as TaskListOptions & CallOptions;
  const { excludeDriver, ...call } = rest as { excludeDriver?: boolean } & CallOptions;
  const parsed = parseInput(OptionsSchema, { limit, detail, filters, timeout, excludeDriver }, 'options');
  const filterList = parsed.filters ?? [];
  const params = {
    limit: parsed.limit,
    timeout: parsed.timeout,
    detail: bool(parsed.detail),
    exclude_driver: bool(parsed.excludeDriver),
    filter_keys: filterList.map((f) => f[0]),
    filter_predicates: filterList.map((f) => f[1]),
    // As Ray spells them: `true`, not the query's Python-style `True`.
    filter_values: filterList.map((f) => String(f[2])),
  };
  return { params, call };
}

/** The list inside a State API envelope, camelCased at the top level; `result: false` → ClientError 200. */
export function unwrapStateList<T = StateRow>(reply: StateEnvelope): StateList<T> {
  const result = reply.data?.result;
  if (reply.result !== true || !result) throw envelopeError(200, reply.msg);
  const rows = (result.result ?? []) as T[];
  return {
    rows,
    total: result.total ?? rows.length,
    numAfterTruncation: result.num_after_truncation ?? rows.length,
    numFiltered: result.num_filtered ?? rows.length,
    partialFailureWarning: result.partial_failure_warning ?? null,
    warnings: result.warnings ?? null,
  };
}
