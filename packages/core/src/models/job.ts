import * as v from 'valibot';
import { JsonObjectSchema } from './json-object.js';

export const JobStatusSchema = v.picklist(['pending', 'running', 'stopped', 'succeeded', 'failed']);
export type JobStatus = v.InferOutput<typeof JobStatusSchema>;

const record = JsonObjectSchema;
const recordOrList = v.union([v.array(v.unknown()), JsonObjectSchema]);

/**
 * The fields `jobs/{id}/` PATCH accepts (Python model `UpdateJob`). Unknown keys are dropped and `undefined`/`null`
 * fields are left out, as the Python client does.
 */
export const UpdateJobSchema = v.pipe(
  v.object({
    status: v.nullish(JobStatusSchema),
    progress_record: v.nullish(record),
    metrics_record: v.nullish(record),
    console_logs: v.nullish(recordOrList),
    result: v.nullish(recordOrList),
  }),
  v.transform((input) => {
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
