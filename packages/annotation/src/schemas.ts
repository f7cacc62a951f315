import { JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';

const id = v.number();
// Input checks added with the models say what is wrong without quoting the value: it may be a secret.
const idList = v.optional(v.array(v.number('an id must be a number'), 'must be a list of ids'));
const text = v.string('must be a string');

/** A project (`projects/{id}/`); unknown keys are kept. */
export interface Project {
  id: number;
  title?: string;
  [key: string]: unknown;
}
export const ProjectSchema = v.looseObject({ id, title: v.optional(v.string()) });

/** A task (`tasks/{id}/`, `sdk/tasks/`, `POST tasks/`); unknown keys are kept. */
export interface Task {
  id: number;
  /** The id of the task's project. */
  project?: number | null;
  /** The id of the data unit the task is about. */
  data_unit?: number | null;
  /**
   * The task's files by name: each a URL, or an object with a `url`. With `urlConversion` (`listTasks`), a
   * URL becomes the local path of the downloaded file, and an object's `url` becomes `path`.
   */
  files?: Record<string, unknown>;
  [key: string]: unknown;
}
export const TaskSchema = v.looseObject({
  id,
  project: v.optional(v.nullable(v.number())),
  data_unit: v.optional(v.nullable(v.number())),
  files: v.optional(JsonObjectSchema),
});

/** A task tag (`task_tags/{id}/`, `task_tags/`); unknown keys are kept. */
export interface TaskTag {
  id: number;
  name?: string;
  [key: string]: unknown;
}
export const TaskTagSchema = v.looseObject({ id, name: v.optional(v.string()) });

/** A task to create (`POST tasks/`): its project and data unit; further fields go to the server as given. */
export interface CreateTask {
  /** The id of the project the task belongs to. */
  project: number;
  /** The id of the data unit to annotate. */
  data_unit?: number;
  [key: string]: unknown;
}
export const CreateTaskSchema = v.looseObject({
  project: v.number(),
  data_unit: v.optional(v.number('must be a number')),
});

/** `createTasks` takes one task or a list (bulk create). */
export const CreateTasksSchema = v.union([
  CreateTaskSchema,
  v.pipe(v.array(CreateTaskSchema), v.minLength(1)),
]);

/** Annotation data for `annotateTaskData`: a JSON object, sent as given. */
export interface AnnotationData {
  [key: string]: unknown;
}
export const AnnotationDataSchema = JsonObjectSchema;

/**
 * Body of `tasks/set_tags/`: the tasks, the tags and what to do with them. The Synapse docs show `ids`, `tags` and
 * `action`, and (older pages) `task_ids` and `tag_ids`; the body is sent as given.
 */
export interface SetTags {
  /** The ids of the tasks to tag. */
  ids?: number[];
  /** The ids of the tags. */
  tags?: number[];
  /** What to do with the tags: `'add'` or `'remove'`. */
  action?: string;
  /** The ids of the tasks to tag (older name of `ids`). */
  task_ids?: number[];
  /** The ids of the tags (older name of `tags`). */
  tag_ids?: number[];
  [key: string]: unknown;
}
// An array is refused first: an object schema would take it as an object with keys `0`, `1`, ….
export const SetTagsSchema = v.pipe(
  JsonObjectSchema,
  v.looseObject({
    ids: idList,
    tags: idList,
    action: v.optional(text),
    task_ids: idList,
    tag_ids: idList,
  }),
);
