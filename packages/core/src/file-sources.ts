import { ValidationError } from './errors.js';

/** Bytes per disk read: large enough for few syscalls and hash updates, small enough to keep memory flat. */
export const READ_SIZE = 1024 * 1024;

/**
 * A file input, checked and named: its size and its bytes, read front to back in pieces. A path, a Blob or bytes
 * can be read again from any offset (a retry, a resumed upload); a one-shot stream keeps the bytes from the last
 * `release` on, so they can be read again.
 */
export interface FileSource {
  readonly filename: string;
  /** Bytes. */
  readonly size: number;
  /** The Blob's own media type, when it has one. */
  readonly type: string | undefined;
  /** The local path, when the input is one. */
  readonly path: string | undefined;
  /** The bytes as a Blob, when they are one already (a Blob, or bytes). */
  readonly blob: Blob | undefined;
  /**
   * The bytes [start, end) in pieces. A piece may be a view of a reused buffer: use it (hash it, hand it to a
   * request body) before asking for the next few.
   */
  read(start: number, end: number): AsyncGenerator<Uint8Array>;
  /** Nothing before `offset` will be read again: a one-shot stream may forget it. */
  release(offset: number): void;
  /** Stops a stream that was not read to its end. */
  close(): Promise<void>;
}

/** What a source is called by. */
export interface Named {
  filename: string;
  path?: string;
}

export async function* webStreamIterable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** A source that holds nothing open and can always read again. */
export const quiet = {
  release() {},
  async close() {},
};

export function blobSource(blob: Blob, { filename }: Named): FileSource {
  return {
    filename,
    size: blob.size,
    type: blob.type || undefined,
    path: undefined,
    blob,
    async *read(start, end) {
      yield* webStreamIterable(blob.slice(start, end).stream() as ReadableStream<Uint8Array>);
    },
    ...quiet,
  };
}

export function bytesSource(bytes: Uint8Array, { filename }: Named): FileSource {
  return {
    filename,
    size: bytes.byteLength,
    type: undefined,
    path: undefined,
    blob: new Blob([bytes as BlobPart]),
    async *read(start, end) {
      for (let at = start; at < end; at += READ_SIZE) yield bytes.subarray(at, Math.min(end, at + READ_SIZE));
    },
    ...quiet,
  };
}

const toBytes = (value: unknown): Uint8Array =>
  typeof value === 'string' ? new TextEncoder().encode(value) : (value as Uint8Array);

/** The part of `piece` (which starts at file offset `at`) that lies within [start, end); empty when none. */
function within(piece: Uint8Array, at: number, start: number, end: number): Uint8Array {
  return piece.subarray(Math.max(0, start - at), Math.max(0, end - at));
}

/**
 * A stream that can be read only once, of a given size. Pieces at or after the released offset are kept, so a
 * failed request can send them again; earlier bytes (e.g. skipped when resuming) are read and dropped.
 */
export function streamSource(
  iterable: AsyncIterable<unknown>,
  size: number,
  { filename }: Named,
  cancel: () => Promise<void> = async () => undefined,
): FileSource {
  const iterator = iterable[Symbol.asyncIterator]();
  /** The bytes taken from the stream so far, from `keptStart` on: `keptStart` + their length is `pulled`. */
  const kept: Uint8Array[] = [];
  let keptStart = 0;
  let pulled = 0;
  let keepFrom = 0;

  /** Drops the kept bytes before `keepFrom`: nothing will read them again. */
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
    filename,
    size,
    type: undefined,
    path: undefined,
    blob: undefined,
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
      // The last byte is read: a stream that goes on is longer than its size, and the file would be cut short.
      if (end === size) await expectEnd();
    },
    release(offset) {
      keepFrom = Math.max(keepFrom, offset);
      forget();
    },
    async close() {
      await iterator.return?.();
      await cancel().catch(() => undefined);
    },
  };
}
