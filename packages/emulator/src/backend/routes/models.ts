import type { Hono } from 'hono';
import { readJsonObject } from '../../shared/body.js';
import { fieldErrors, notFound, requiredField } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import type { Model } from '../model.js';
import { type Backend, now } from '../state.js';
import { filterRows } from '../store.js';
import { extraFields, optionalString } from '../validate.js';
import { storeMedia } from './media.js';

const serialize = (backend: Backend) => (model: Model) => ({
  ...model.fields,
  id: model.id,
  name: model.name,
  file: backend.mediaUrl(model.mediaPath),
  size: model.size,
  checksum: model.checksum,
  created: model.created,
});

/** `models/` (GET list, POST from a completed chunked upload) and `models/{pk}/`. */
export function registerModels(app: Hono, backend: Backend): void {
  const { state } = backend;
  app.get('/models/', (c) => {
    const rows = filterRows(state.models.all(), [[c.req.query('name'), (row, value) => row.name === value]]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serialize(backend)));
  });
  app.get('/models/:pk/', (c) => {
    const model = state.models.get(c.req.param('pk'));
    if (!model) throw notFound();
    return c.json(serialize(backend)(model));
  });
  app.post('/models/', async (c) => {
    const body = await readJsonObject(c, backend.options.maxJsonBytes);
    if (body.chunked_upload === undefined || body.chunked_upload === null)
      throw requiredField('chunked_upload');
    const upload = state.uploadsByUuid.get(String(body.chunked_upload));
    if (!upload || upload.owner !== c.get('principal').token) {
      throw fieldErrors({
        chunked_upload: [`Invalid pk "${String(body.chunked_upload)}" - object does not exist.`],
      });
    }
    if (upload.status !== 'complete' || !upload.md5) {
      throw fieldErrors({ chunked_upload: ['The upload is not complete.'] });
    }
    const name = optionalString(body, 'name', upload.filename);
    const id = state.models.reserveId();
    const stored = await storeMedia(backend, upload.path, 'share', {
      kind: 'models',
      id,
      filename: upload.filename,
    });
    const model = state.models.put({
      id,
      name,
      ...stored,
      size: upload.offset,
      checksum: upload.md5,
      fields: extraFields(body, ['id', 'name', 'file', 'size', 'checksum', 'created', 'chunked_upload']),
      created: now(),
    });
    return c.json(serialize(backend)(model), 201);
  });
}
