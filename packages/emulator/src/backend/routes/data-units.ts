import type { Hono } from 'hono';
import { isObject, readJson } from '../../shared/body.js';
import { fieldErrors, notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import type { DataUnit, DataUnitFile } from '../model.js';
import { type Backend, now } from '../state.js';
import { filterRows, idEquals } from '../store.js';
import { listOrObject, optionalObject, requireRef, validateAll } from '../validate.js';

/** A data unit's files with the absolute URL and size of each stored data file. */
export function serializeFiles(
  backend: Backend,
  unit: DataUnit | undefined,
): Record<string, Record<string, unknown>> {
  if (!unit) return {};
  const files: Record<string, Record<string, unknown>> = {};
  for (const [name, file] of Object.entries(unit.files)) {
    const stored = backend.state.dataFilesByChecksum.get(file.checksum);
    files[name] = {
      ...file,
      url: stored ? backend.mediaUrl(stored.mediaPath) : null,
      size: stored?.size ?? null,
      file_type: typeof file.file_type === 'string' ? file.file_type : 'file',
    };
  }
  return files;
}

export const serializeDataUnit = (backend: Backend) => (unit: DataUnit) => ({
  id: unit.id,
  data_collection: unit.data_collection,
  meta: unit.meta,
  files: serializeFiles(backend, unit),
  created: unit.created,
});

function parseFiles(backend: Backend, value: unknown): Record<string, DataUnitFile> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw fieldErrors({ files: ['Expected a dictionary of items.'] });
  const files: Record<string, DataUnitFile> = {};
  for (const [name, entry] of Object.entries(value)) {
    const checksum = isObject(entry) ? entry.checksum : undefined;
    if (typeof checksum !== 'string') throw fieldErrors({ files: [`${name}: "checksum" is required.`] });
    if (!backend.state.dataFilesByChecksum.has(checksum)) {
      throw fieldErrors({ files: [`${name}: no data file has checksum "${checksum}".`] });
    }
    files[name] = { ...(entry as DataUnitFile) };
  }
  return files;
}

/** `data_units/` (GET list, POST bulk create) and `data_units/{id}/`. */
export function registerDataUnits(app: Hono, backend: Backend): void {
  const { state } = backend;
  const serialize = serializeDataUnit(backend);
  app.get('/data_units/', (c) => {
    const rows = filterRows(state.dataUnits.all(), [
      [c.req.query('data_collection'), (unit, value) => idEquals(unit.data_collection, value)],
    ]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serialize));
  });
  app.get('/data_units/:pk/', (c) => {
    const unit = state.dataUnits.get(c.req.param('pk'));
    if (!unit) throw notFound();
    return c.json(serialize(unit));
  });
  app.post('/data_units/', async (c) => {
    const { items, many } = listOrObject(await readJson(c, backend.options.maxJsonBytes));
    const valid = validateAll(items, many, (item) => ({
      data_collection: requireRef(item, 'data_collection', state.dataCollections).id,
      files: parseFiles(backend, item.files),
      meta: optionalObject(item, 'meta'),
    }));
    const created = valid.map((fields) =>
      state.dataUnits.insert((id) => ({ id, ...fields, created: now() })),
    );
    return c.json(many ? created.map(serialize) : serialize(created[0] as DataUnit), 201);
  });
}
