import { randomUUID } from 'node:crypto';
import { truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { detailError, notFound } from '../../shared/errors.js';
import { copyDigests, newDigests, streamToFile } from '../../shared/files.js';
import type { ChunkedUpload } from '../model.js';
import { type Backend, now } from '../state.js';

export interface ContentRange {
  start: number;
  end: number;
  total: number;
}

/** Parses `Content-Range: bytes S-E/T` (E inclusive); anything else is `Error in request headers`. */
export function parseContentRange(header: string | undefined, maxBytes: number): ContentRange {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec((header ?? '').trim());
  if (!match) throw detailError(400, 'Error in request headers');
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!Number.isSafeInteger(total) || end < start) throw detailError(400, 'Error in request headers');
  if (end >= total)
    throw detailError(400, 'Error in request headers', { reason: 'Range end exceeds the total size' });
  if (total > maxBytes) throw detailError(400, `Size of file exceeds the limit (${maxBytes} bytes)`);
  return { start, end, total };
}

export function createUpload(backend: Backend, owner: string, filename: string): ChunkedUpload {
  const uuid = randomUUID();
  const upload = backend.state.chunkedUploads.insert((id) => ({
    id,
    uuid,
    owner,
    filename,
    path: join(backend.uploadDir, `${uuid}.part`),
    offset: 0,
    total: null,
    status: 'uploading',
    digests: newDigests({ sha1: false }),
    md5: null,
    sha1: null,
    busy: false,
    created_at: now(),
    completed_at: null,
    expiresAt: Date.now() + backend.options.uploadExpiryMs,
  }));
  backend.state.uploadsByUuid.set(uuid, upload);
  return upload;
}

/** The caller's upload by public id; another owner's upload is 404, as an unknown one. */
export function ownedUpload(backend: Backend, uuid: string, owner: string): ChunkedUpload {
  const upload = backend.state.uploadsByUuid.get(uuid);
  if (!upload || upload.owner !== owner) throw notFound();
  return upload;
}

/** Checks an upload can take more bytes or be completed. */
export function assertWritable(upload: ChunkedUpload): void {
  if (upload.status === 'complete') throw detailError(400, 'Upload has already been marked as "complete"');
  if (Date.now() > upload.expiresAt) throw detailError(410, 'Upload has expired');
  if (upload.busy) throw detailError(409, 'Another request is writing to this upload.');
}

/**
 * Appends one chunk at `range.start`. If the part turns out longer or shorter than the range says, the file and
 * the running digests are rolled back, so the upload's offset stays where it was.
 */
export async function appendChunk(
  upload: ChunkedUpload,
  stream: Readable,
  range: ContentRange,
  wholeFile = false,
): Promise<void> {
  const before = copyDigests(upload.digests);
  const offset = upload.offset;
  upload.busy = true;
  try {
    const written = await streamToFile(stream, upload.path, upload.digests, offset);
    const expected = range.end - range.start + 1;
    if (!wholeFile && written !== expected) {
      throw detailError(
        400,
        `File size doesn't match headers: file size is ${written} but ${expected} reported`,
      );
    }
    upload.offset = offset + written;
    upload.total = wholeFile ? written : range.total;
  } catch (error) {
    upload.digests = before;
    await truncate(upload.path, offset).catch(() => undefined);
    throw error;
  } finally {
    upload.busy = false;
  }
}

/** Completes an upload if the MD5 of every stored byte equals `md5`. */
export function completeUpload(upload: ChunkedUpload, md5: unknown): void {
  assertWritable(upload);
  if (typeof md5 !== 'string' || md5 === '') throw detailError(400, "Checksum of type 'md5' is required");
  const actual = upload.digests.md5.copy().digest('hex');
  if (actual !== md5.toLowerCase()) throw detailError(400, 'checksum does not match');
  upload.md5 = actual;
  upload.status = 'complete';
  upload.completed_at = now();
}

export const serializeUpload = (backend: Backend) => (upload: ChunkedUpload) => ({
  id: upload.uuid,
  url: `${backend.ctx.baseUrl()}/chunked_upload/${upload.uuid}/`,
  filename: upload.filename,
  offset: upload.offset,
  status: upload.status,
  created_at: upload.created_at,
  completed_at: upload.completed_at,
  expires: new Date(upload.expiresAt).toISOString(),
  md5: upload.md5,
});
