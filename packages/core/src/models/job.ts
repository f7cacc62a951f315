import * as v from 'valibot';
import { JsonObjectSchema } from './json-object.js';

/** A job's status (Python enum `JobStatus`). */
export type JobStatus = 'pending' | 'running' | 'stopped' | 'succeeded' | 'failed';
export const JobStatusSchema = v.picklist(['pending', 'running', 'stopped', 'succeeded', 'failed']);

/**
 * The fields `jobs/{id}/` PATCH accepts (Python model `UpdateJob`). `null` and `undefined` fields are left out;
 * other keys are not part of the model and are dropped.
 */
export interface UpdateJob {
  status?: JobStatus | null;
  /** The job's progress, a JSON object. */
  progress_record?: Record<string, unknown> | null;
  /** The job's metrics, a JSON object. */
  metrics_record?: Record<string, unknown> | null;
  /** The job's console log entries: a JSON object or a list. */
  console_logs?: Record<string, unknown> | unknown[] | null;
  /** The job's result: a JSON object or a list. */
  result?: Record<string, unknown> | unknown[] | null;
}

/** An `UpdateJob` as it is sent: only the fields given, none of them `null`. */
export interface UpdateJobBody {
  status?: JobStatus;
  progress_record?: Record<string, unknown>;
  metrics_record?: Record<string, unknown>;
  console_logs?: Record<string, unknown> | unknown[];
  result?: Record<string, unknown> | unknown[];
}

const record = JsonObjectSchema;
const recordOrList = v.union([v.array(v.unknown()), JsonObjectSchema]);

/** Checks an `UpdateJob` and gives its body: unknown keys dropped, `undefined`/`null` fields left out. */
export const UpdateJobSchema = v.pipe(
  v.object({
    status: v.nullish(JobStatusSchema),
    progress_record: v.nullish(record),
    metrics_record: v.nullish(record),
    console_logs: v.nullish(recordOrList),
    result: v.nullish(recordOrList),
  }),
  v.transform((input): UpdateJobBody => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input))
      if (value !== undefined && value !== null) out[key] = value;
    return out;
  }),
);
