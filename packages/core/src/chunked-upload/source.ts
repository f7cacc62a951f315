import { ValidationError } from '../errors.js';
import {
  basename,
  type FileContent,
  type FileInput,
  isNodeReadable,
  isWebStream,
  type NodeReadableLike,
  statFile,
  webStreamIterable,
} from '../files.js';

/**
 * An upload's bytes, read front to back. Re-readable sources (a path, a Blob, bytes) hand out file-backed Blob
 * slices that stream to the socket; a one-shot stream is read chunk by chunk into memory.
 */
export interface UploadSource {
  readonly size: number;
  readonly filename: string;
  /** Whether `slice` can go back to an earlier offset (needed to resume after a failure). */
  readonly rereadable: boolean;
  /** The bytes [start, end) as a Blob. A one-shot source only moves forward. */
  slice(start: number, end: number): Promise<Blob>;
  /** MD5 hex of all bytes. Re-readable sources hash in one streamed pass beside the upload. */
  md5(signal?: AbortSignal): Promise<string>;
}

async function createMd5() {
  const { createHash } = await import('node:crypto');
  return createHash('md5');
}

async function hashStream(stream: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<string> {
  const hash = await createMd5();
  for await (const part of webStreamIterable(stream)) {
    if (signal?.aborted) throw signal.reason;
    hash.update(part);
  }
  return hash.digest('hex');
}

function blobSource(blob: Blob, filename: string): UploadSource {
  return {
    size: blob.size,
    filename,
    rereadable: true,
    slice: async (start, end) => blob.slice(start, end),
    md5: (signal) => hashStream(blob.stream() as ReadableStream<Uint8Array>, signal),
  };
}

async function pathSource(filePath: string, filename: string | undefined): Promise<UploadSource> {
  await statFile(filePath, 'file');
  const { openAsBlob, createReadStream } = await import('node:fs');
  const blob = await openAsBlob(filePath);
  return {
    ...blobSource(blob, filename ?? basename(filePath)),
    md5: async (signal) => {
      const hash = await createMd5();
      // A large read buffer: fewer syscalls and hash updates on multi-GiB files.
      for await (const part of createReadStream(filePath, { highWaterMark: 1024 * 1024, signal })) {
        hash.update(part as Uint8Array);
      }
      return hash.digest('hex');
    },
  };
}

/** A stream that can be read only once: chunks are buffered one at a time and hashed as they pass. */
function streamSource(
  stream: ReadableStream<Uint8Array> | NodeReadableLike,
  size: number,
  filename: string,
): UploadSource {
  const iterator = (isWebStream(stream) ? webStreamIterable(stream) : (stream as AsyncIterable<Uint8Array>))[
    Symbol.asyncIterator
  ]();
  const hashing = createMd5();
  let position = 0;
  let pending: Uint8Array | undefined;
  return {
    size,
    filename,
    rereadable: false,
    async slice(start, end) {
      if (start !== position) {
        throw new ValidationError(`cannot seek a one-shot stream back to byte ${start}`, {
          argument: 'file',
        });
      }
      const hash = await hashing;
      const parts: Uint8Array[] = [];
      let length = 0;
      while (length < end - start) {
        let piece = pending;
        pending = undefined;
        if (!piece) {
          const next = await iterator.next();
          if (next.done) break;
          piece =
            typeof next.value === 'string'
              ? new TextEncoder().encode(next.value)
              : (next.value as Uint8Array);
        }
        const room = end - start - length;
        if (piece.byteLength > room) {
          pending = piece.subarray(room);
          piece = piece.subarray(0, room);
        }
        parts.push(piece);
        hash.update(piece);
        length += piece.byteLength;
      }
      if (length !== end - start) {
        throw new ValidationError(
          `the stream ended at byte ${start + length}, but its size was given as ${size}`,
          {
            argument: 'size',
          },
        );
      }
      position = end;
      return new Blob(parts as BlobPart[]);
    },
    async md5() {
      return (await hashing).digest('hex');
    },
  };
}

/** Normalises every accepted input kind into an upload source, checking it before any request. */
export async function openUploadSource(
  input: FileInput,
  options: { size?: number; filename?: string },
): Promise<UploadSource> {
  const named = typeof input === 'object' && input !== null && 'content' in input && !(input instanceof Blob);
  const content: FileContent = named ? input.content : (input as FileContent);
  const filename = options.filename ?? (named ? input.filename : undefined);
  const size = options.size ?? (named ? input.size : undefined);
  if (typeof content === 'string') return pathSource(content, filename);
  if (content instanceof Blob) {
    const ownName = (content as { name?: unknown }).name;
    return blobSource(content, filename ?? (typeof ownName === 'string' && ownName ? ownName : 'file'));
  }
  if (content instanceof Uint8Array || content instanceof ArrayBuffer) {
    return blobSource(new Blob([content as BlobPart]), filename ?? 'file');
  }
  if (isWebStream(content) || isNodeReadable(content)) {
    if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
      throw new ValidationError('size is required (a whole number of bytes ≥ 0) to upload a stream', {
        argument: 'size',
      });
    }
    return streamSource(content, size, filename ?? 'file');
  }
  throw new ValidationError('file must be a path, Blob, bytes or a stream', { argument: 'file' });
}
