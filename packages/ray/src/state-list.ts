import { type CallOptions, parseInput, type QueryParams, ValidationError } from '@synapse/core/internal';
import * as v from 'valibot';
import { FailedEnvelopeSchema, succeeded } from './envelope.js';
import { envelopeError } from './errors.js';
import {
  type RayActorState,
  RayActorStateSchema,
  type RayJobState,
  RayJobStateSchema,
  type RayNodeState,
  RayNodeStateSchema,
  type RayTaskState,
  RayTaskStateSchema,
} from './models/state.js';
import type { StateList, StateListOptions, TaskListOptions } from './schemas.js';

const FilterSchema = v.tuple([
  v.pipe(v.string(), v.nonEmpty()),
  v.picklist(['=', '!=']),
  v.union([v.string(), v.number(), v.boolean()]),
]);
const OptionsSchema = v.object({
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  detail: v.optional(v.boolean()),
  filters: v.optional(v.array(FilterSchema)),
  serverTimeout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  excludeDriver: v.optional(v.boolean()),
});

/** The list inside a successful State API reply (`data.result`). */
interface StateListResult<T> {
  result: T[];
  total?: number;
  num_after_truncation?: number;
  num_filtered?: number;
  partial_failure_warning?: string | null;
  warnings?: string[] | null;
  [key: string]: unknown;
}

/** A State API reply: `{result: true, msg, data: {result: {result: rows, total, …}}}`, or a failed envelope. */
type StateEnvelope<T> =
  | { result: true; msg?: string; data?: { result?: StateListResult<T> | null; [key: string]: unknown } }
  | v.InferOutput<typeof FailedEnvelopeSchema>;

/** The schema of a State API reply whose rows are `T`s. */
export type StateReplySchema<T> = v.GenericSchema<unknown, StateEnvelope<T>>;

/** The schema of a State API reply whose rows are checked by `row`. */
function stateEnvelopeSchema<T>(row: v.GenericSchema<unknown, T>): StateReplySchema<T> {
  return v.variant('result', [
    v.looseObject({
      result: v.literal(true),
      msg: v.optional(v.string()),
      data: v.optional(
        v.looseObject({
          result: v.nullish(
            v.looseObject({
              result: v.array(row),
              total: v.optional(v.number()),
              num_after_truncation: v.optional(v.number()),
              num_filtered: v.optional(v.number()),
              partial_failure_warning: v.nullish(v.string()),
              warnings: v.nullish(v.array(v.string())),
            }),
          ),
        }),
      ),
    }),
    FailedEnvelopeSchema,
  ]);
}

/** The replies of the State API routes, each checked row by row. */
export const STATE_REPLIES = {
  nodes: stateEnvelopeSchema<RayNodeState>(RayNodeStateSchema),
  actors: stateEnvelopeSchema<RayActorState>(RayActorStateSchema),
  tasks: stateEnvelopeSchema<RayTaskState>(RayTaskStateSchema),
  jobs: stateEnvelopeSchema<RayJobState>(RayJobStateSchema),
};

const bool = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

/**
 * Splits a State API list's options into its validated query (`limit`, `detail`, `filter_*`, `timeout` from
 * `serverTimeout`, …) and the rest, the call options (checked by the request, before it is sent).
 */
export function stateListQuery(options: (StateListOptions | TaskListOptions) & CallOptions): {
  params: QueryParams;
  call: CallOptions;
} {
  const { limit, detail, filters, serverTimeout, ...rest } = options as TaskListOptions & CallOptions;
  const { excludeDriver, ...call } = rest as { excludeDriver?: boolean } & CallOptions;
  if (typeof call.timeout === 'number') {
    // A number is the old meaning of `timeout` (now serverTimeout): say where it went, not only that it is wrong.
    throw new ValidationError(
      "options.timeout is this call's { connect?, read? } in seconds; the seconds Ray may spend are serverTimeout",
      { argument: 'options.timeout' },
    );
  }
  const parsed = parseInput(
    OptionsSchema,
    { limit, detail, filters, serverTimeout, excludeDriver },
    'options',
  );
  const filterList = parsed.filters ?? [];
  const params = {
    limit: parsed.limit,
    // Ray's own name for it.
    timeout: parsed.serverTimeout,
    detail: bool(parsed.detail),
    exclude_driver: bool(parsed.excludeDriver),
    filter_keys: filterList.map((f) => f[0]),
    filter_predicates: filterList.map((f) => f[1]),
    // As Ray spells them: `true`, not the query's Python-style `True`.
    filter_values: filterList.map((f) => String(f[2])),
  };
  return { params, call };
}

/** The list inside a State API reply, camelCased at the top level; a failed envelope → ClientError 200. */
export function unwrapStateList<T>(reply: StateEnvelope<T>): StateList<T> {
  const result = succeeded(reply).data?.result;
  if (!result) throw envelopeError(200, reply.msg);
  const rows = result.result;
  return {
    rows,
    total: result.total ?? rows.length,
    numAfterTruncation: result.num_after_truncation ?? rows.length,
    numFiltered: result.num_filtered ?? rows.length,
    partialFailureWarning: result.partial_failure_warning ?? null,
    warnings: result.warnings ?? null,
  };
}
