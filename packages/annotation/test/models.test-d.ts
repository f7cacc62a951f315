import type { ModelShape } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { AnnotationClient, Page } from '../src/index.js';
import type {
  AnnotationData,
  AnnotationDataSchema,
  CreateTask,
  CreateTaskSchema,
  Project,
  ProjectSchema,
  SetTags,
  SetTagsSchema,
  Task,
  TaskSchema,
  TaskTag,
  TaskTagSchema,
} from '../src/schemas.js';

/** The shape a schema gives (what a reply is checked to be, or what an input is checked to be). */
type Checked<S extends v.GenericSchema> = ModelShape<v.InferOutput<S>>;

// Each model is a named interface beside its schema: the same shape means the schema checks every field the
// interface names, and the interface names every field the schema checks (unknown keys kept by both).
describe('annotation models match their schemas', () => {
  it('replies: Project, Task, TaskTag', () => {
    expectTypeOf<Checked<typeof ProjectSchema>>().toEqualTypeOf<ModelShape<Project>>();
    expectTypeOf<Checked<typeof TaskSchema>>().toEqualTypeOf<ModelShape<Task>>();
    expectTypeOf<Checked<typeof TaskTagSchema>>().toEqualTypeOf<ModelShape<TaskTag>>();
  });

  it('inputs: CreateTask, AnnotationData, SetTags', () => {
    expectTypeOf<Checked<typeof CreateTaskSchema>>().toEqualTypeOf<ModelShape<CreateTask>>();
    expectTypeOf<Checked<typeof AnnotationDataSchema>>().toEqualTypeOf<ModelShape<AnnotationData>>();
    expectTypeOf<Checked<typeof SetTagsSchema>>().toEqualTypeOf<ModelShape<SetTags>>();
  });
});

describe('AnnotationClient resolves to what its replies are checked to be', () => {
  const client = {} as AnnotationClient;

  it('models by name; a bulk create to a list; replies without a promised shape as such', () => {
    expectTypeOf(client.getTask(1)).resolves.toEqualTypeOf<Task>();
    expectTypeOf(client.listTaskTags()).resolves.toEqualTypeOf<Page<TaskTag>>();
    expectTypeOf(client.createTasks({ project: 1 })).resolves.toEqualTypeOf<Task>();
    expectTypeOf(client.createTasks([{ project: 1 }])).resolves.toEqualTypeOf<Task[]>();
    expectTypeOf(client.annotateTaskData(1, {})).resolves.toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(client.setTagsTasks({ ids: [1] })).resolves.toEqualTypeOf<unknown>();
  });
});
