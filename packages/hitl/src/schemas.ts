import { JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';

const optionalId = v.optional(v.nullable(v.number()));
// Input checks added with the models say what is wrong without quoting the value: it may be a secret.
const idList = v.optional(v.array(v.number('an id must be a number'), 'must be a list of ids'));

/** An assignment (`assignments/{id}/`, `sdk/assignments/`); unknown keys are kept. */
export interface Assignment {
  id: number;
  /** The id of the project. */
  project?: number | null;
  /** The id of the task under review. */
  task?: number | null;
  /**
   * Its files by name: each a URL, or an object with a `url`. With `urlConversion` (`listAssignments`), a URL
   * becomes the local path of the downloaded file, and an object's `url` becomes `path`.
   */
  files?: Record<string, unknown>;
  [key: string]: unknown;
}
export const AssignmentSchema = v.looseObject({
  id: v.number(),
  project: optionalId,
  task: optionalId,
  files: v.optional(JsonObjectSchema),
});

/**
 * Body of `assignments/set_tags/`: the assignments, the tags and what to do with them (the Synapse docs show
 * `assignment_ids` and `tag_ids`); sent as given.
 */
export interface SetTagsAssignments {
  /** The ids of the assignments to tag. */
  assignment_ids?: number[];
  /** The ids of the tags. */
  tag_ids?: number[];
  [key: string]: unknown;
}
// An array is refused first: an object schema would take it as an object with keys `0`, `1`, ….
export const SetTagsAssignmentsSchema = v.pipe(
  JsonObjectSchema,
  v.looseObject({ assignment_ids: idList, tag_ids: idList }),
);
