import * as v from 'valibot';

// The Jobs API's small replies, each unwrapped to the one value its method returns.

/** `POST api/jobs/`: `{job_id, submission_id}`, the same id twice; Ray before 2.0 sent `job_id` alone. */
export const SubmitJobReplySchema = v.union([
  v.looseObject({ submission_id: v.string() }),
  v.looseObject({ job_id: v.string() }),
]);

/** `POST api/jobs/{id}/stop`. */
export const StopJobReplySchema = v.looseObject({ stopped: v.boolean() });

/** `DELETE api/jobs/{id}`. */
export const DeleteJobReplySchema = v.looseObject({ deleted: v.boolean() });

/** `GET api/jobs/{id}/logs`. */
export const JobLogsReplySchema = v.looseObject({ logs: v.string() });

/** The submission id of a submit reply (its deprecated `job_id` on Ray before 2.0). */
export function submittedId(reply: v.InferOutput<typeof SubmitJobReplySchema>): string {
  return typeof reply.submission_id === 'string' ? reply.submission_id : String(reply.job_id);
}
