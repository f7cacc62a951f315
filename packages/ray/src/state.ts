import { type CallOptions, parseInput, type QueryParams } from '@synapse/core';
import * as v from 'valibot';
import type { RayContext } from './context.js';
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

interface Envelope {
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

function stateQuery(options: TaskListOptions): QueryParams {
  const parsed = parseInput(OptionsSchema, options, 'options');
  const filters = parsed.filters ?? [];
  return {
    limit: parsed.limit,
    timeout: parsed.timeout,
    detail: bool(parsed.detail),
    exclude_driver: bool(parsed.excludeDriver),
    filter_keys: filters.map((f) => f[0]),
    filter_predicates: filters.map((f) => f[1]),
    // As Ray spells them: `true`, not the query's Python-style `True`.
    filter_values: filters.map((f) => String(f[2])),
  };
}

/** `GET api/v0/{resource}` unwrapped from the State API envelope; `result: false` → ClientError. */
export async function listState<T = StateRow>(
  ctx: RayContext,
  resource: 'nodes' | 'actors' | 'tasks' | 'jobs',
  options: (StateListOptions | TaskListOptions) & CallOptions = {},
): Promise<StateList<T>> {
  const { limit, detail, filters, timeout, ...rest } = options as TaskListOptions & CallOptions;
  const { excludeDriver, ...call } = rest as { excludeDriver?: boolean } & CallOptions;
  const params = stateQuery({ limit, detail, filters, timeout, excludeDriver });
  const reply = await ctx.request<Envelope>('GET', `api/v0/${resource}`, { ...call, params });
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
