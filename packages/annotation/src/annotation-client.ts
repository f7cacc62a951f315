import {
  BaseClient,
  type CallOptions,
  type FirstPageOnly,
  type ListOptions,
  type ListResult,
  type Page,
  type PathParam,
  parseInput,
  path,
  type QueryParams,
} from '@synapse/core/internal';
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

  /** `PUT tasks/{id}/annotate_task_data/` with the annotation data as JSON. */
  async annotateTaskData(id: PathParam, data: AnnotationData, options?: CallOptions): Promise<Task> {
    const url = path('tasks/{id}/annotate_task_data/', { id });
    return this.request('PUT', url, options, { data: parseInput(AnnotationDataSchema, data, 'data') });
  }

  /** `GET task_tags/{id}/` */
  async getTaskTag(id: PathParam, options?: CallOptions): Promise<TaskTag> {
    return this.request('GET', path('task_tags/{id}/', { id }), options, { schema: TaskTagSchema });
  }

  /** `GET task_tags/` — one page. */
  async listTaskTags(params?: QueryParams, options?: CallOptions): Promise<Page<TaskTag>> {
    return this.request('GET', 'task_tags/', options, { params });
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
    return this.request('POST', 'tasks/', options, { data: parseInput(CreateTasksSchema, data, 'data') });
  }

  /** `POST tasks/set_tags/` with the JSON body and optional query params. */
  async setTagsTasks(data: SetTags, params?: QueryParams, options?: CallOptions): Promise<unknown> {
    return this.request('POST', 'tasks/set_tags/', options, {
      params,
      data: parseInput(SetTagsSchema, data, 'data'),
    });
  }
}
