import type { Hono } from 'hono';
import { notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import type { Project, TaskTag } from '../model.js';
import type { Backend } from '../state.js';
import { filterRows, idEquals } from '../store.js';

export const serializeProject = (project: Project) => ({ ...project });

export const serializeTaskTag = (tag: TaskTag) => ({ ...tag });

/** `projects/`, `projects/{pk}/`, `task_tags/`, `task_tags/{pk}/`. */
export function registerProjects(app: Hono, backend: Backend): void {
  const { state } = backend;
  app.get('/projects/', (c) =>
    c.json(paginate(c, backend.ctx.baseUrl(), state.projects.all(), serializeProject)),
  );
  app.get('/projects/:pk/', (c) => {
    const project = state.projects.get(c.req.param('pk'));
    if (!project) throw notFound();
    return c.json(serializeProject(project));
  });
  app.get('/task_tags/', (c) => {
    const rows = filterRows(state.taskTags.all(), [
      [c.req.query('project'), (tag, value) => idEquals(tag.project, value)],
      [c.req.query('name'), (tag, value) => tag.name === value],
    ]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serializeTaskTag));
  });
  app.get('/task_tags/:pk/', (c) => {
    const tag = state.taskTags.get(c.req.param('pk'));
    if (!tag) throw notFound();
    return c.json(serializeTaskTag(tag));
  });
}
