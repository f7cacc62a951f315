import {
  assertCallOptions,
  BaseClient,
  type CallOptions,
  type FirstPageOnly,
  JsonObjectSchema,
  type ListOptions,
  type ListResult,
  type Page,
  type PathParam,
  parseInput,
  path,
  type QueryParams,
} from '@synapse/core/internal';
import * as v from 'valibot';
import {
  type AnnotationData,
  AnnotationDataSchema,
  type CreateTask,
  CreateTasksSchema,
  type Project,
  ProjectSchema,
  type SetTags,
  SetTagsSchema,
  type Task,
  TaskSchema,
  type TaskTag,
  TaskTagSchema,
} from './schemas.js';

const TasksSchema = v.array(TaskSchema);

/** Projects, tasks and task tags (Python `AnnotationClientMixin`). */
export class AnnotationClient extends BaseClient {
  /** `GET projects/{id}/` */
  async getProject(id: PathParam, options?: CallOptions): Promise<Project> {
    return this.request('GET', path('projects/{id}/', { id }), options, { schema: ProjectSchema });
  }

  /** `GET tasks/{id}/` with optional query params (e.g. `{ expand: 'data_unit' }`). */
  async getTask(id: PathParam, params?: QueryParams, options?: CallOptions): Promise<Task> {
    return this.request('GET', path('tasks/{id}/', { id }), options, { params, schema: TaskSchema });
  }

  /**
   * `PUT tasks/{id}/annotate_task_data/` with the annotation data as JSON. Resolves to the server's reply, a JSON
   * object whose shape the API does not promise.
   */
  async annotateTaskData(
    id: PathParam,
    data: AnnotationData,
    options?: CallOptions,
  ): Promise<Record<string, unknown>> {
    const url = path('tasks/{id}/annotate_task_data/', { id });
    return this.request('PUT', url, options, {
      data: parseInput(AnnotationDataSchema, data, 'data'),
      schema: JsonObjectSchema,
    });
  }

  /** `GET task_tags/{id}/` */
  async getTaskTag(id: PathParam, options?: CallOptions): Promise<TaskTag> {
    return this.request('GET', path('task_tags/{id}/', { id }), options, { schema: TaskTagSchema });
  }

  /** `GET task_tags/` — one page. */
  async listTaskTags(params?: QueryParams, options?: CallOptions): Promise<Page<TaskTag>> {
    // Always one page, as in Python: `listAll` and `urlConversion` are not options of this method.
    if (options !== undefined) assertCallOptions(options);
    return this.list<TaskTag, CallOptions>('task_tags/', params, options, { itemSchema: TaskTagSchema });
  }

  /**
   * `GET sdk/tasks/` — one page, or every task with `{ listAll: true }`. With `urlConversion`, the URLs in each
   * task's `files` are downloaded and replaced by local paths.
   */
  async listTasks<O extends ListOptions = FirstPageOnly>(
    params?: QueryParams,
    options?: O,
  ): Promise<ListResult<Task, O>> {
    return this.list<Task, O>('sdk/tasks/', params, options, {
      filesFields: ['files'],
      itemSchema: TaskSchema,
    });
  }

  /** `POST tasks/` — one task, or a list for a bulk create. */
  async createTasks<D extends CreateTask | CreateTask[]>(
    data: D,
    options?: CallOptions,
  ): Promise<D extends unknown[] ? Task[] : Task> {
    const body = parseInput(CreateTasksSchema, data, 'data');
    // A list is answered with a list, one task with one task.
    const schema: v.GenericSchema<unknown, Task | Task[]> = Array.isArray(body) ? TasksSchema : TaskSchema;
    return this.request('POST', 'tasks/', options, { data: body, schema }) as Promise<
      D extends unknown[] ? Task[] : Task
    >;
  }

  /** `POST tasks/set_tags/` with the JSON body and optional query params; the reply is returned as sent. */
  async setTagsTasks(data: SetTags, params?: QueryParams, options?: CallOptions): Promise<unknown> {
    return this.request('POST', 'tasks/set_tags/', options, {
      params,
      data: parseInput(SetTagsSchema, data, 'data'),
    });
  }
}
