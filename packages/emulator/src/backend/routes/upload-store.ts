import { createHash, randomUUID } from 'node:crypto';
import { truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { detailError, notFound } from '../../shared/errors.js';
import { copyDigests, streamToFile } from '../../shared/files.js';
import type { ChunkedUpload } from '../model.js';
import { type Backend, now } from '../state.js';

export interface ContentRange {
  start: number;
  end: number;
  total: number;
}

/** Parses `Content-Range: bytes S-E/T` (E inclusive); anything else is `Error in request headers`. */
export function parseContentRange(header: string | undefined, maxBytes: number): ContentRange {
  // Node has trimmed the value already.
  // Stryker disable next-line StringLiteral: any text without a range fails the match, as '' does
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? '');
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
    status: 'uploading',
    // Only the MD5 is kept up to date: the SHA-1 is computed once, when a data file is made from the upload.
    digests: { md5: createHash('md5') },
    md5: null,
    sha1: null,
    // Stryker disable next-line BooleanLiteral: the first chunk is written before any client knows the upload's id
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
 * Appends one chunk at the upload's offset: the bytes `range` names, or a whole file when there is no range. If the
 * part turns out longer or shorter than the range says, the file and the running digests are rolled back, so the
 * upload's offset stays where it was.
 */
export async function appendChunk(
  upload: ChunkedUpload,
  stream: Readable,
  range: ContentRange | undefined,
): Promise<void> {
  const before = copyDigests(upload.digests);
  const offset = upload.offset;
  upload.busy = true;
  try {
    const written = await streamToFile(stream, upload.path, upload.digests, offset);
    const expected = range ? range.end - range.start + 1 : written;
    if (written !== expected) {
      throw detailError(
        400,
        `File size doesn't match headers: file size is ${written} but ${expected} reported`,
      );
    }
    upload.offset = offset + written;
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
