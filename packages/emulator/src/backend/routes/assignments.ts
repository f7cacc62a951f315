import type { Hono } from 'hono';
import { notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import type { Assignment } from '../model.js';
import type { Backend } from '../state.js';
import { filterRows, idEquals } from '../store.js';
import { serializeFiles } from './data-units.js';
import { setTags } from './set-tags.js';

export const serializeAssignment = (backend: Backend) => (assignment: Assignment) => {
  const task = backend.state.tasks.get(assignment.task);
  return {
    ...assignment,
    data_unit: task?.data_unit ?? null,
    files: serializeFiles(backend, backend.state.dataUnits.get(task?.data_unit ?? undefined)),
  };
};

/** `sdk/assignments/`, `assignments/{pk}/`, `assignments/set_tags/`. */
export function registerAssignments(app: Hono, backend: Backend): void {
  const { state } = backend;
  const serialize = serializeAssignment(backend);
  app.get('/sdk/assignments/', (c) => {
    const rows = filterRows(state.assignments.all(), [
      [c.req.query('project'), (row, value) => idEquals(row.project, value)],
      [c.req.query('task'), (row, value) => idEquals(row.task, value)],
      [c.req.query('status'), (row, value) => row.status === value],
      [c.req.query('user'), (row, value) => idEquals(row.user, value)],
    ]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serialize));
  });
  app.get('/assignments/:pk/', (c) => {
    const assignment = state.assignments.get(c.req.param('pk'));
    if (!assignment) throw notFound();
    return c.json(serialize(assignment));
  });
  app.post('/assignments/set_tags/', (c) =>
    setTags(c, backend, state.assignments, ['ids', 'assignment_ids']),
  );
}
