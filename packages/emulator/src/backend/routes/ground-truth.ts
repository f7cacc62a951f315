import type { Hono } from 'hono';
import { notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import type { GroundTruthEvent } from '../model.js';
import type { Backend } from '../state.js';
import { filterRows, idEquals } from '../store.js';
import { serializeFiles } from './data-units.js';

const serializeEvent = (backend: Backend) => (event: GroundTruthEvent) => ({
  ...event,
  files: serializeFiles(backend, backend.state.dataUnits.get(event.data_unit)),
});

/** `ground_truth_dataset_versions/{pk}/` and `sdk/ground_truth_events/`. */
export function registerGroundTruth(app: Hono, backend: Backend): void {
  const { state } = backend;
  app.get('/ground_truth_dataset_versions/:pk/', (c) => {
    const version = state.groundTruthVersions.get(c.req.param('pk'));
    if (!version) throw notFound();
    return c.json({ ...version });
  });
  app.get('/sdk/ground_truth_events/', (c) => {
    const version =
      c.req.query('ground_truth_dataset_versions') ?? c.req.query('ground_truth_dataset_version');
    const rows = filterRows(state.groundTruthEvents.all(), [
      [
        version,
        (row, value) => value.split(',').some((id) => idEquals(row.ground_truth_dataset_version, id)),
      ],
      [c.req.query('data_unit'), (row, value) => idEquals(row.data_unit, value)],
    ]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serializeEvent(backend)));
  });
}
