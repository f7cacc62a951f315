import { JsonObjectSchema } from '@synapse/core';
import * as v from 'valibot';

const id = v.number();

/** A project (`projects/{id}/`); unknown keys are kept. */
export const ProjectSchema = v.looseObject({ id, title: v.optional(v.string()) });
export type Project = v.InferOutput<typeof ProjectSchema>;

/** A task (`tasks/{id}/`, `sdk/tasks/`); unknown keys are kept. */
export const TaskSchema = v.looseObject({ id, project: v.optional(v.nullable(v.number())) });
export type Task = v.InferOutput<typeof TaskSchema>;

/** A task tag (`task_tags/{id}/`); unknown keys are kept. */
export const TaskTagSchema = v.looseObject({ id, name: v.optional(v.string()) });
export type TaskTag = v.InferOutput<typeof TaskTagSchema>;

/** A task to create: at least its project; further fields go to the server as given. */
export const CreateTaskSchema = v.looseObject({ project: v.number() });
export type CreateTask = v.InferInput<typeof CreateTaskSchema>;

/** `createTasks` takes one task or a list (bulk create). */
export const CreateTasksSchema = v.union([
  CreateTaskSchema,
  v.pipe(v.array(CreateTaskSchema), v.minLength(1)),
]);

/** Annotation data for `annotateTaskData`: a JSON object. */
export const AnnotationDataSchema = JsonObjectSchema;
export type AnnotationData = v.InferInput<typeof AnnotationDataSchema>;

/** Body of `tasks/set_tags/`: the tasks, the tags and what to do with them. */
export const SetTagsSchema = JsonObjectSchema;
export type SetTags = v.InferInput<typeof SetTagsSchema>;
