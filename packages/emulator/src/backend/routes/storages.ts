import type { Hono } from 'hono';
import { readJsonObject } from '../../shared/body.js';
import { fieldErrors, notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import { STORAGE_CATEGORIES, STORAGE_PROVIDERS, type Storage } from '../model.js';
import type { Backend } from '../state.js';
import { filterRows } from '../store.js';
import { optionalObject, requireString } from '../validate.js';

const truthy = (value: string | undefined): boolean =>
  ['true', '1', 'yes'].includes((value ?? '').toLowerCase());

/** The configuration (credentials) is only shown with `?with_configuration=True`. */
const serialize = (storage: Storage, withConfiguration: boolean) => {
  if (withConfiguration) return { ...storage };
  const { configuration: _hidden, ...rest } = storage;
  return rest;
};

function choice<T extends string>(value: string, choices: readonly T[], field: string): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw fieldErrors({ [field]: [`"${value}" is not a valid choice.`] });
  }
  return value as T;
}

/** `storages/` (GET, POST) and `storages/{pk}/`. */
export function registerStorages(app: Hono, backend: Backend): void {
  const { state } = backend;
  app.get('/storages/', (c) => {
    const withConfiguration = truthy(c.req.query('with_configuration'));
    const rows = filterRows(state.storages.all(), [
      [c.req.query('category'), (row, value) => row.category === value],
      [c.req.query('provider'), (row, value) => row.provider === value],
    ]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, (row) => serialize(row, withConfiguration)));
  });
  app.get('/storages/:pk/', (c) => {
    const storage = state.storages.get(c.req.param('pk'));
    if (!storage) throw notFound();
    return c.json(serialize(storage, truthy(c.req.query('with_configuration'))));
  });
  app.post('/storages/', async (c) => {
    const body = await readJsonObject(c, backend.options.maxJsonBytes);
    const name = requireString(body, 'name');
    const category = choice(requireString(body, 'category'), STORAGE_CATEGORIES, 'category');
    const provider = choice(requireString(body, 'provider'), STORAGE_PROVIDERS, 'provider');
    const configuration = optionalObject(body, 'configuration');
    if (body.is_default !== undefined && typeof body.is_default !== 'boolean') {
      throw fieldErrors({ is_default: ['Must be a valid boolean.'] });
    }
    const isDefault = body.is_default === true;
    if (isDefault) for (const row of state.storages.all()) row.is_default = false;
    const storage = state.storages.insert((id) => ({
      id,
      name,
      category,
      provider,
      configuration,
      is_default: isDefault,
    }));
    return c.json(serialize(storage, true), 201);
  });
}
