import type { Context, Hono } from 'hono';
import { readJson, readJsonObject } from '../../shared/body.js';
import { notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import type { Task } from '../model.js';
import { type Backend, now } from '../state.js';
import { filterRows, idEquals } from '../store.js';
import {
  extraFields,
  listOrObject,
  optionalRef,
  optionalString,
  requireRef,
  validateAll,
} from '../validate.js';
import { serializeFiles } from './data-units.js';
import { setTags } from './set-tags.js';

export const serializeTask = (backend: Backend) => (task: Task) => ({
  id: task.id,
  project: task.project,
  data_unit: task.data_unit,
  status: task.status,
  assignee: task.assignee,
  tags: task.tags,
  data: task.data,
  files: serializeFiles(backend, backend.state.dataUnits.get(task.data_unit ?? undefined)),
  created: task.created,
  ...task.extra,
});

const TASK_FIELDS = ['id', 'project', 'data_unit', 'status', 'assignee', 'tags', 'data', 'files', 'created'];

/** `tasks/` (bulk create), `sdk/tasks/`, `tasks/{pk}/`, `tasks/set_tags/`, `tasks/{pk}/annotate_task_data/`. */
export function registerTasks(app: Hono, backend: Backend): void {
  const { state } = backend;
  const serialize = serializeTask(backend);
  const list = (c: Context) => {
    const rows = filterRows(state.tasks.all(), [
      [c.req.query('project'), (task, value) => idEquals(task.project, value)],
      [c.req.query('status'), (task, value) => task.status === value],
      [c.req.query('data_unit'), (task, value) => idEquals(task.data_unit, value)],
      [c.req.query('assignee'), (task, value) => idEquals(task.assignee, value)],
      [c.req.query('tags'), (task, value) => task.tags.some((tag) => String(tag) === value)],
    ]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serialize));
  };
  app.get('/sdk/tasks/', list);
  app.get('/tasks/', list);
  app.get('/tasks/:pk/', (c) => {
    const task = state.tasks.get(c.req.param('pk'));
    if (!task) throw notFound();
    return c.json(serialize(task));
  });
  app.post('/tasks/', async (c) => {
    const { items, many } = listOrObject(await readJson(c, backend.options.maxJsonBytes));
    const valid = validateAll(items, many, (item) => ({
      project: requireRef(item, 'project', state.projects).id,
      data_unit: optionalRef(item, 'data_unit', state.dataUnits)?.id ?? null,
      status: optionalString(item, 'status', 'pending'),
      extra: extraFields(item, TASK_FIELDS),
    }));
    const created = valid.map((fields) =>
      state.tasks.insert((id) => ({ id, ...fields, assignee: null, tags: [], data: {}, created: now() })),
    );
    return c.json(many ? created.map(serialize) : serialize(created[0] as Task), 201);
  });
  app.post('/tasks/set_tags/', (c) => setTags(c, backend, state.tasks, ['ids', 'task_ids']));
  app.put('/tasks/:pk/annotate_task_data/', async (c) => {
    const task = state.tasks.get(c.req.param('pk'));
    if (!task) throw notFound();
    task.data = await readJsonObject(c, backend.options.maxJsonBytes);
    return c.json(serialize(task));
  });
}
