import { rm } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import { bindings } from '../../shared/bindings.js';
import { isObject, readJson } from '../../shared/body.js';
import { detailError } from '../../shared/errors.js';
import { isMultipart, parseMultipart } from '../../shared/multipart.js';
import { paginate } from '../../shared/pagination.js';
import type { ChunkedUpload } from '../model.js';
import type { Backend } from '../state.js';
import {
  appendChunk,
  assertWritable,
  type ContentRange,
  completeUpload,
  createUpload,
  ownedUpload,
  parseContentRange,
  serializeUpload,
} from './upload-store.js';

const offsetsDoNotMatch = (expected: number, provided: number) =>
  detailError(400, 'Offsets do not match', { expected_offset: expected, provided_offset: provided });

/**
 * Streams the request's multipart part `file` into an upload (a new one when `existing` is undefined).
 * Returns the upload and the form fields.
 */
async function receiveChunk(
  c: Context,
  backend: Backend,
  range: ContentRange | undefined,
  existing: ChunkedUpload | undefined,
): Promise<{ upload: ChunkedUpload; fields: Record<string, string> }> {
  if (!isMultipart(c.req.header('content-type'))) throw detailError(400, 'No chunk file was submitted');
  const owner = c.get('principal').token;
  let upload = existing;
  let received = false;
  const fields = await parseMultipart(bindings(c).incoming, {
    maxFileBytes: backend.options.maxUploadBytes,
    onFile: async (part, formFields) => {
      if (part.field !== 'file' || received) {
        part.stream.resume();
        return;
      }
      received = true;
      const start = range?.start ?? 0;
      if (upload) {
        assertWritable(upload);
        if (start !== upload.offset) throw offsetsDoNotMatch(upload.offset, start);
      } else if (start !== 0) {
        throw offsetsDoNotMatch(0, start);
      }
      const created = upload === undefined;
      upload ??= createUpload(backend, owner, formFields.filename ?? part.filename);
      try {
        await appendChunk(upload, part.stream, range);
      } catch (error) {
        // A rejected first chunk leaves no upload behind.
        if (created) await discard(backend, upload);
        throw error;
      }
    },
  });
  if (!received || !upload) throw detailError(400, 'No chunk file was submitted');
  if (fields.filename && !existing) upload.filename = fields.filename;
  return { upload, fields };
}

async function readMd5(c: Context, backend: Backend): Promise<unknown> {
  const type = c.req.header('content-type');
  if (type?.includes('application/x-www-form-urlencoded') || isMultipart(type)) {
    const form = await c.req.parseBody();
    return form.md5;
  }
  const body = await readJson(c, backend.options.maxJsonBytes);
  return isObject(body) ? body.md5 : undefined;
}

/** The `chunked_upload/` resource (see the chunked upload server notes in the spec). */
export function registerChunkedUpload(app: Hono, backend: Backend): void {
  const { state } = backend;
  const serialize = serializeUpload(backend);
  const maxBytes = () => backend.options.maxUploadBytes;

  app.get('/chunked_upload/', (c) => {
    const owner = c.get('principal').token;
    const rows = state.chunkedUploads.all().filter((upload) => upload.owner === owner);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serialize));
  });
  app.put('/chunked_upload/', async (c) => {
    const range = parseContentRange(c.req.header('content-range'), maxBytes());
    const { upload } = await receiveChunk(c, backend, range, undefined);
    return c.json(serialize(upload));
  });
  app.post('/chunked_upload/', async (c) => {
    const { upload, fields } = await receiveChunk(c, backend, undefined, undefined);
    try {
      completeUpload(upload, fields.md5);
    } catch (error) {
      await discard(backend, upload);
      throw error;
    }
    return c.json(serialize(upload));
  });
  app.get('/chunked_upload/:uuid/', (c) => {
    const upload = ownedUpload(backend, c.req.param('uuid'), c.get('principal').token);
    return c.json(serialize(upload));
  });
  app.put('/chunked_upload/:uuid/', async (c) => {
    const upload = ownedUpload(backend, c.req.param('uuid'), c.get('principal').token);
    const range = parseContentRange(c.req.header('content-range'), maxBytes());
    assertWritable(upload);
    if (range.start !== upload.offset) throw offsetsDoNotMatch(upload.offset, range.start);
    await receiveChunk(c, backend, range, upload);
    return c.json(serialize(upload));
  });
  app.post('/chunked_upload/:uuid/', async (c) => {
    const upload = ownedUpload(backend, c.req.param('uuid'), c.get('principal').token);
    assertWritable(upload);
    completeUpload(upload, await readMd5(c, backend));
    return c.json(serialize(upload));
  });
}

async function discard(backend: Backend, upload: ChunkedUpload): Promise<void> {
  backend.state.uploadsByUuid.delete(upload.uuid);
  backend.state.chunkedUploads.delete(upload.id);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the part file exists by now; force only guards against its loss
  await rm(upload.path, { force: true });
}
