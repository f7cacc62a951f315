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

/** Bytes per disk read: large enough for few syscalls and hash updates, small enough to keep memory flat. */
export const READ_SIZE = 1024 * 1024;
/**
 * Read buffers a file source cycles through. A buffer is refilled only after this many later reads, and the
 * request body's consumer pulls the next piece only once the previous one has been written out, so a piece is
 * never overwritten while it is still queued.
 */
const RING_SIZE = 4;

/**
 * An upload's bytes, read front to back in pieces. A path, a Blob or bytes can be read again from any offset
 * (to resume after a failure); a one-shot stream keeps the bytes the server has not yet acknowledged.
 */
export interface UploadSource {
  readonly size: number;
  readonly filename: string;
  /**
   * The bytes [start, end) in pieces. A piece may be a view of a reused buffer: use it (hash it, hand it to the
   * request body) before asking for the next few.
   */
  read(start: number, end: number): AsyncGenerator<Uint8Array>;
  /** The server holds every byte before `offset`; a one-shot source may forget them. */
  release(offset: number): void;
  close(): Promise<void>;
}

function viewSource(bytes: Uint8Array, filename: string): UploadSource {
  return {
    size: bytes.byteLength,
    filename,
    async *read(start, end) {
      for (let at = start; at < end; at += READ_SIZE) yield bytes.subarray(at, Math.min(end, at + READ_SIZE));
    },
    release() {},
    async close() {},
  };
}

function blobSource(blob: Blob, filename: string): UploadSource {
  return {
    size: blob.size,
    filename,
    async *read(start, end) {
      yield* webStreamIterable(blob.slice(start, end).stream() as ReadableStream<Uint8Array>);
    },
    release() {},
    async close() {},
  };
}

async function pathSource(filePath: string, filename: string | undefined): Promise<UploadSource> {
  const size = await statFile(filePath, 'file');
  const { open } = await import('node:fs/promises');
  const handle = await open(filePath, 'r');
  const ring = Array.from(
    { length: RING_SIZE },
    () => new Uint8Array(Math.max(1, Math.min(READ_SIZE, size))),
  );
  let turn = 0;
  return {
    size,
    filename: filename ?? basename(filePath),
    async *read(start, end) {
      const fill = async (at: number) => {
        const buffer = ring[turn++ % RING_SIZE] as Uint8Array;
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.byteLength, end - at), at);
        if (bytesRead === 0) {
          throw new ValidationError(
            `file ${JSON.stringify(filePath)} shrank to ${at} bytes during the upload`,
            {
              argument: 'file',
            },
          );
        }
        return buffer.subarray(0, bytesRead);
      };
      // The next read runs while the consumer hashes and sends the current piece.
      let next = start < end ? fill(start) : undefined;
      try {
        for (let at = start; next; ) {
          const piece = await next;
          at += piece.byteLength;
          next = at < end ? fill(at) : undefined;
          yield piece;
        }
      } finally {
        next?.catch(() => undefined);
      }
    },
    release() {},
    close: () => handle.close(),
  };
}

const toBytes = (value: unknown): Uint8Array =>
  typeof value === 'string' ? new TextEncoder().encode(value) : (value as Uint8Array);

/** The part of `piece` (which starts at file offset `at`) that lies within [start, end); empty when none. */
function within(piece: Uint8Array, at: number, start: number, end: number): Uint8Array {
  return piece.subarray(Math.max(0, start - at), Math.max(0, end - at));
}

/**
 * A stream that can be read only once. Pieces at or after the released offset are kept (at most about one
 * chunk), so a failed chunk can be sent again; earlier bytes (e.g. skipped when resuming) are read and dropped.
 */
function streamSource(
  stream: ReadableStream<Uint8Array> | NodeReadableLike,
  size: number,
  filename: string,
): UploadSource {
  const iterable = isWebStream(stream) ? webStreamIterable(stream) : (stream as AsyncIterable<unknown>);
  const iterator = iterable[Symbol.asyncIterator]();
  /** The bytes taken from the stream so far, from `keptStart` on: `keptStart` + their length is `pulled`. */
  const kept: Uint8Array[] = [];
  let keptStart = 0;
  let pulled = 0;
  let keepFrom = 0;

  /** Drops the kept bytes before `keepFrom`: the server holds them. */
  function forget(): void {
    while (kept.length > 0 && keptStart < keepFrom) {
      const first = kept[0] as Uint8Array;
      const drop = Math.min(first.byteLength, keepFrom - keptStart);
      if (drop === first.byteLength) kept.shift();
      else kept[0] = first.subarray(drop);
      keptStart += drop;
    }
  }

  const tooLong = () =>
    new ValidationError(`the stream is longer than its given size (${size} bytes)`, { argument: 'size' });
  async function expectEnd(): Promise<void> {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (toBytes(next.value).byteLength > 0) throw tooLong();
    }
  }

  return {
    size,
    filename,
    async *read(start, end) {
      if (start < keptStart) {
        throw new ValidationError(
          `cannot read a one-shot stream again from byte ${start}; pass a path or Blob`,
          {
            argument: 'file',
          },
        );
      }
      let at = keptStart;
      // A copy: a release while this read is under way must not cut it short.
      for (const piece of kept.slice()) {
        const part = within(piece, at, start, end);
        if (part.byteLength > 0) yield part;
        at += piece.byteLength;
      }
      while (pulled < end) {
        const next = await iterator.next();
        if (next.done) {
          throw new ValidationError(`the stream ended at byte ${pulled}, but its size was given as ${size}`, {
            argument: 'size',
          });
        }
        const piece = toBytes(next.value);
        const at = pulled;
        if (at + piece.byteLength > size) throw tooLong();
        pulled += piece.byteLength;
        kept.push(piece);
        forget();
        const part = within(piece, at, start, end);
        if (part.byteLength > 0) yield part;
      }
      // The last byte is read: a stream that goes on is longer than its size, and the upload would be cut short.
      if (end === size) await expectEnd();
    },
    release(offset) {
      keepFrom = Math.max(keepFrom, offset);
      forget();
    },
    async close() {
      await iterator.return?.();
      // A Node stream's iterator destroys it; a web stream is only unlocked, so it is cancelled here.
      if (isWebStream(stream)) await stream.cancel().catch(() => undefined);
    },
  };
}

const isByteCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** Normalises every accepted input kind into an upload source, checking it before any request. */
export async function openUploadSource(
  input: FileInput,
  options: { size?: number; filename?: string },
): Promise<UploadSource> {
  const named = typeof input === 'object' && input !== null && 'content' in input && !(input instanceof Blob);
  const content: FileContent = named ? input.content : (input as FileContent);
  const filename = options.filename ?? (named ? input.filename : undefined);
  if (filename !== undefined && (typeof filename !== 'string' || filename === '')) {
    throw new ValidationError('filename must be a non-empty string', { argument: 'filename' });
  }
  const size = options.size ?? (named ? input.size : undefined);
  if (typeof content === 'string') return pathSource(content, filename);
  if (content instanceof Blob) {
    const ownName = (content as { name?: unknown }).name;
    return blobSource(content, filename ?? (typeof ownName === 'string' && ownName ? ownName : 'file'));
  }
  if (content instanceof Uint8Array) return viewSource(content, filename ?? 'file');
  if (content instanceof ArrayBuffer) return viewSource(new Uint8Array(content), filename ?? 'file');
  if (isWebStream(content) || isNodeReadable(content)) {
    if (!isByteCount(size)) {
      throw new ValidationError('size is required (a whole number of bytes ≥ 0) to upload a stream', {
        argument: 'size',
      });
    }
    return streamSource(content, size, filename ?? 'file');
  }
  throw new ValidationError('file must be a path, Blob, bytes or a stream', { argument: 'file' });
}
