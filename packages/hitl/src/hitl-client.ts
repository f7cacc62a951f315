import {
  BaseClient,
  type CallOptions,
  type FirstPageOnly,
  type ListOptions,
  type ListResult,
  type PathParam,
  parseInput,
  path,
  type QueryParams,
} from '@synapse/core/internal';
import {
  type Assignment,
  AssignmentSchema,
  type SetTagsAssignments,
  SetTagsAssignmentsSchema,
} from './schemas.js';

/** Assignments and their tags (Python `HITLClientMixin`). */
export class HITLClient extends BaseClient {
  /** `GET assignments/{id}/` */
  async getAssignment(id: PathParam, options?: CallOptions): Promise<Assignment> {
    return this.request('GET', path('assignments/{id}/', { id }), options, { schema: AssignmentSchema });
  }

  /**
   * `GET sdk/assignments/` — one page, or every assignment with `{ listAll: true }`. With `urlConversion`, the
   * URLs in each assignment's `files` are downloaded and replaced by local paths.
   */
  async listAssignments<O extends ListOptions = FirstPageOnly>(
    params?: QueryParams,
    options?: O,
  ): Promise<ListResult<Assignment, O>> {
    return this.list<Assignment, O>('sdk/assignments/', params, options, {
      filesFields: ['files'],
      itemSchema: AssignmentSchema,
    });
  }

  /**
   * `POST assignments/set_tags/` with the JSON body and optional query params. (The Python method passes the
   * body as `payload=`, which fails before sending; this sends it as JSON, like the other `set_tags` calls.) The
   * reply is returned as sent.
   */
  async setTagsAssignments(
    data: SetTagsAssignments,
    params?: QueryParams,
    options?: CallOptions,
  ): Promise<unknown> {
    return this.request('POST', 'assignments/set_tags/', options, {
      params,
      data: parseInput(SetTagsAssignmentsSchema, data, 'data'),
    });
  }
}
