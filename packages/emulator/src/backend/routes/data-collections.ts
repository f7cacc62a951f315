import type { Hono } from 'hono';
import { notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import type { DataCollection } from '../model.js';
import type { Backend } from '../state.js';

/** Without `?expand=file_specifications` the specifications are listed by id, as DRF's expandable fields do. */
const serialize = (collection: DataCollection, expand: boolean) => ({
  ...collection,
  file_specifications: expand
    ? collection.file_specifications
    : collection.file_specifications.map((specification) => specification.id),
});

const expands = (value: string | undefined): boolean =>
  (value ?? '').split(',').includes('file_specifications');

/** `data_collections/` and `data_collections/{id}/` (`?expand=file_specifications`). */
export function registerDataCollections(app: Hono, backend: Backend): void {
  const { state } = backend;
  app.get('/data_collections/', (c) => {
    const expand = expands(c.req.query('expand'));
    return c.json(
      paginate(c, backend.ctx.baseUrl(), state.dataCollections.all(), (row) => serialize(row, expand)),
    );
  });
  app.get('/data_collections/:pk/', (c) => {
    const collection = state.dataCollections.get(c.req.param('pk'));
    if (!collection) throw notFound();
    return c.json(serialize(collection, expands(c.req.query('expand'))));
  });
}
