import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const MAX_NAME_BYTES = 200;

/**
 * A name safe to use as one path segment: no separators, no `..`, no control characters. Letters and digits
 * of any script are kept; the name is cut to 200 UTF-8 bytes (file systems allow 255).
 */
export function safeFilename(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[^\p{L}\p{M}\p{N}_.\- ]+/gu, '_')
    .replace(/^\.+/, '')
    .trim();
  let kept = '';
  let bytes = 0;
  for (const char of base) {
    bytes += Buffer.byteLength(char);
    if (bytes > MAX_NAME_BYTES) break;
    kept += char;
  }
  return kept.trim() || 'file';
}

/** `Content-Disposition` for a download: an ASCII `filename` plus, when needed, the exact UTF-8 `filename*`. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (ascii === name) return `attachment; filename="${name}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface Digests {
  md5: Hash;
  /** Absent on chunked uploads: their SHA-1 is computed once, when a data file is made from them. */
  sha1?: Hash;
}

export const newDigests = (): Digests => ({ md5: createHash('md5'), sha1: createHash('sha1') });

export const copyDigests = (digests: Digests): Digests =>
  digests.sha1 ? { md5: digests.md5.copy(), sha1: digests.sha1.copy() } : { md5: digests.md5.copy() };

/** The hex digest of a stored file, read as a stream. */
export async function hashFile(path: string, algorithm: string): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Streams `source` to `path` (appending from `start` when given) while feeding the digests; returns bytes written. */
export async function streamToFile(
  source: Readable,
  path: string,
  digests: Digests,
  start?: number,
): Promise<number> {
  let written = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      digests.md5.update(chunk);
      digests.sha1?.update(chunk);
      done(null, chunk);
    },
  });
  // A large buffer lets the socket keep filling it while earlier bytes are written (the default 16 KiB waits on
  // the disk every few network reads).
  const highWaterMark = 8 * 1024 * 1024;
  const target =
    start === undefined
      ? createWriteStream(path, { highWaterMark })
      : createWriteStream(path, { flags: start === 0 ? 'w' : 'r+', start, highWaterMark });
  try {
    await pipeline(source, tap, target);
  } catch (error) {
    // A write still in flight could land after the caller truncates or removes the file.
    if (!target.closed) await once(target, 'close').catch(() => undefined);
    throw error;
  }
  return written;
}

const MIME_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv',
  '.zip': 'application/zip',
};

export const mimeTypeOf = (name: string): string =>
  MIME_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';

/** A streamed file response, or undefined when the file does not exist. */
export async function fileResponse(path: string, name: string): Promise<Response | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': mimeTypeOf(name),
      'content-length': String(info.size),
      'content-disposition': attachmentDisposition(safeFilename(name)),
    },
  });
}
