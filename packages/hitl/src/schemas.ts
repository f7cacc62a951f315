import { JsonObjectSchema } from '@synapse/core';
import * as v from 'valibot';

/** An assignment (`assignments/{id}/`, `sdk/assignments/`); unknown keys are kept. */
export const AssignmentSchema = v.looseObject({
  id: v.number(),
  project: v.optional(v.nullable(v.number())),
  task: v.optional(v.nullable(v.number())),
});
export type Assignment = v.InferOutput<typeof AssignmentSchema>;

/**
 * Body of `assignments/set_tags/`: the assignments, the tags and what to do with them (the Synapse docs show
 * `assignment_ids` and `tag_ids`); sent as given.
 */
export const SetTagsAssignmentsSchema = JsonObjectSchema;
export type SetTagsAssignments = v.InferInput<typeof SetTagsAssignmentsSchema>;
