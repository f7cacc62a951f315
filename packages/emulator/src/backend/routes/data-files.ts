import type { Hash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import { bindings } from '../../shared/bindings.js';
import { isObject, readJsonObject } from '../../shared/body.js';
import { detailError, fieldErrors, notFound, requiredField } from '../../shared/errors.js';
import { hashFile, newDigests, streamToFile } from '../../shared/files.js';
import { isMultipart, parseMultipart } from '../../shared/multipart.js';
import type { DataFile, Json } from '../model.js';
import { type Backend, now } from '../state.js';
import { type StoredMedia, storeMedia, tempMediaPath } from './media.js';

export const serializeDataFile = (backend: Backend) => (file: DataFile) => ({
  id: file.id,
  checksum: file.sha1,
  md5: file.md5,
  file: backend.mediaUrl(file.mediaPath),
  size: file.size,
  meta: file.meta,
  created: file.created,
});

interface NewFile {
  filename: string;
  size: number;
  md5: string;
  sha1: string;
  meta: Json;
  store: (id: number) => Promise<StoredMedia>;
}

function insertDataFile(backend: Backend, file: NewFile, stored: StoredMedia, id: number): DataFile {
  const { store: _store, ...fields } = file;
  const row: DataFile = { id, ...fields, ...stored, created: now() };
  backend.state.dataFiles.put(row);
  backend.state.dataFilesByChecksum.set(row.sha1, row);
  backend.state.dataFilesByChecksum.set(row.md5, row);
  return row;
}

function parseMeta(raw: string | undefined): Json {
  if (raw === undefined || raw === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (isObject(value)) return value;
  } catch {}
  throw fieldErrors({ meta: ['Value must be valid JSON.'] });
}

async function fromMultipart(c: Context, backend: Backend): Promise<NewFile> {
  let received: Omit<NewFile, 'meta'> | undefined;
  const temp = await tempMediaPath(backend);
  try {
    const fields = await parseMultipart(bindings(c).incoming, {
      maxFileBytes: backend.options.maxUploadBytes,
      onFile: async (part) => {
        if (part.field !== 'file' || received) return void part.stream.resume();
        const digests = newDigests();
        const size = await streamToFile(part.stream, temp, digests);
        received = {
          filename: part.filename,
          size,
          md5: digests.md5.digest('hex'),
          sha1: (digests.sha1 as Hash).digest('hex'),
          store: (id) =>
            storeMedia(backend, temp, 'move', { kind: 'data_files', id, filename: part.filename }),
        };
      },
    });
    if (!received) throw requiredField('file');
    return { ...received, meta: { filename: received.filename, ...parseMeta(fields.meta) } };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function fromChunkedUpload(c: Context, backend: Backend): Promise<NewFile> {
  const body = await readJsonObject(c, backend.options.maxJsonBytes);
  if (body.chunked_upload === undefined || body.chunked_upload === null)
    throw requiredField('chunked_upload');
  const upload = backend.state.uploadsByUuid.get(String(body.chunked_upload));
  if (!upload || upload.owner !== c.get('principal').token) {
    throw fieldErrors({
      chunked_upload: [`Invalid pk "${String(body.chunked_upload)}" - object does not exist.`],
    });
  }
  if (upload.status !== 'complete' || !upload.md5) {
    throw fieldErrors({ chunked_upload: ['The upload is not complete.'] });
  }
  upload.sha1 ??= await hashFile(upload.path, 'sha1');
  const meta = isObject(body.meta) ? body.meta : {};
  const filename = typeof meta.filename === 'string' ? meta.filename : upload.filename;
  return {
    filename,
    size: upload.offset,
    md5: upload.md5,
    sha1: upload.sha1,
    meta: { filename, ...meta },
    store: (id) => storeMedia(backend, upload.path, 'share', { kind: 'data_files', id, filename }),
  };
}

/** `data_files/` (multipart part `file`, or JSON from a completed chunked upload), `data_files/verify_checksums/`. */
export function registerDataFiles(app: Hono, backend: Backend): void {
  const { state } = backend;
  const serialize = serializeDataFile(backend);
  app.post('/data_files/', async (c) => {
    const file = isMultipart(c.req.header('content-type'))
      ? await fromMultipart(c, backend)
      : await fromChunkedUpload(c, backend);
    const id = state.dataFiles.reserveId();
    try {
      const row = insertDataFile(backend, file, await file.store(id), id);
      return c.json(serialize(row), 201);
    } catch (error) {
      throw detailError(500, `Could not store the file - ${(error as Error).message}`);
    }
  });
  app.get('/data_files/:pk/', (c) => {
    const file = state.dataFiles.get(c.req.param('pk'));
    if (!file) throw notFound();
    return c.json(serialize(file));
  });
  app.post('/data_files/verify_checksums/', async (c) => {
    const body = await readJsonObject(c, backend.options.maxJsonBytes);
    if (!Array.isArray(body.checksums)) {
      throw body.checksums === undefined
        ? requiredField('checksums')
        : fieldErrors({ checksums: ['Expected a list.'] });
    }
    const checksums = body.checksums.map(String);
    return c.json({
      existing: checksums.filter((value) => state.dataFilesByChecksum.has(value)),
      missing: checksums.filter((value) => !state.dataFilesByChecksum.has(value)),
    });
  });
}
