import * as v from 'valibot';
import { JsonObjectSchema } from './json-object.js';

// `@__PURE__` on each schema call lets a bundler drop the schemas an app never uses.

export const JobStatusSchema = /* @__PURE__ */ v.picklist([
  'pending',
  'running',
  'stopped',
  'succeeded',
  'failed',
]);
export type JobStatus = v.InferOutput<typeof JobStatusSchema>;

const record = JsonObjectSchema;
const recordOrList = /* @__PURE__ */ v.union([
  /* @__PURE__ */ v.array(/* @__PURE__ */ v.unknown()),
  JsonObjectSchema,
]);

/**
 * The fields `jobs/{id}/` PATCH accepts (Python model `UpdateJob`). Unknown keys are dropped and `undefined`/`null`
 * fields are left out, as the Python client does.
 */
export const UpdateJobSchema = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.object({
    status: /* @__PURE__ */ v.nullish(JobStatusSchema),
    progress_record: /* @__PURE__ */ v.nullish(record),
    metrics_record: /* @__PURE__ */ v.nullish(record),
    console_logs: /* @__PURE__ */ v.nullish(recordOrList),
    result: /* @__PURE__ */ v.nullish(recordOrList),
  }),
  /* @__PURE__ */ v.transform((input) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input))
      if (value !== undefined && value !== null) out[key] = value;
    return out as {
      status?: JobStatus;
      progress_record?: Record<string, unknown>;
      metrics_record?: Record<string, unknown>;
      console_logs?: Record<string, unknown> | unknown[];
      result?: Record<string, unknown> | unknown[];
    };
  }),
);
export type UpdateJob = v.InferInput<typeof UpdateJobSchema>;
