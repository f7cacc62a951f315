import { isValidationError, ValidationError } from '../errors.js';
import { normalizeLinefeeds, randomBoundary } from '../multipart.js';

/** The part of node:crypto's Hash used here (loaded lazily, so the package still loads where it is absent). */
interface Hash {
  update(data: Uint8Array): unknown;
  digest(encoding: 'hex'): string;
}

/**
 * The whole file's MD5, fed with pieces as they are read. Every byte is hashed once, in order: pieces read again
 * (a chunk sent a second time) are skipped up to the bytes already hashed.
 */
export class Md5Tracker {
  /** Bytes hashed so far: the file's bytes [0, position). */
  position = 0;

  private constructor(private readonly hash: Hash) {}

  static async create(): Promise<Md5Tracker> {
    const { createHash } = await import('node:crypto');
    return new Md5Tracker(createHash('md5'));
  }

  feed(at: number, piece: Uint8Array): void {
    if (at > this.position) throw new Error(`MD5 gap: bytes ${this.position}-${at - 1} were never read`);
    // The bytes past those already hashed; none when the piece was hashed before.
    const fresh = piece.subarray(this.position - at);
    this.hash.update(fresh);
    this.position += fresh.byteLength;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

const encoder = new TextEncoder();

export interface ChunkForm {
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array>;
  /**
   * Why the body could not be produced (the source failed, or gave more or fewer bytes than the chunk's length),
   * once that happened. fetch reports it as a network failure; the caller must throw this instead.
   */
  failure(): ValidationError | undefined;
}

/** A source's failure as the input problem it is: the SDK's own errors as they are, any other wrapped. */
function inputError(error: unknown): ValidationError {
  if (isValidationError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ValidationError(`file could not be read: ${detail}`, { argument: 'file', cause: error });
}

/**
 * A chunk PUT's body, byte for byte what `FormData` (field `filename`, then the chunk as part `file` with
 * filename `file`) encodes, but streamed from `pieces` with an exact Content-Length: the chunk is never held
 * whole. `onPiece` sees each piece before it is queued (to hash it); `onPull` marks progress for a watchdog.
 */
export function chunkForm(
  filename: string,
  length: number,
  pieces: AsyncIterator<Uint8Array>,
  onPiece: (piece: Uint8Array) => void,
  onPull: () => void,
): ChunkForm {
  const boundary = randomBoundary();
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="filename"\r\n\r\n${normalizeLinefeeds(filename)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  let started = false;
  let sent = 0;
  let failure: ValidationError | undefined;
  const nextPiece = async () => {
    try {
      const next = await pieces.next();
      const total = sent + (next.done ? 0 : next.value.byteLength);
      if (next.done ? total !== length : total > length) {
        const what = next.done ? `ended after ${total} of ${length} bytes` : `ran past its ${length} bytes`;
        throw new ValidationError(`the file changed while it was read: the chunk ${what}`, {
          argument: 'file',
        });
      }
      return next;
    } catch (error) {
      failure = inputError(error);
      await pieces.return?.(undefined).catch(() => undefined);
      throw failure;
    }
  };
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        onPull();
        if (!started) {
          started = true;
          controller.enqueue(head);
          return;
        }
        const next = await nextPiece();
        if (next.done) {
          controller.enqueue(tail);
          controller.close();
          return;
        }
        sent += next.value.byteLength;
        onPiece(next.value);
        controller.enqueue(next.value);
      },
      async cancel() {
        await pieces.return?.(undefined);
      },
    },
    // Pull only when the consumer asks: a piece may be a view of a buffer that is refilled a few reads later.
    { highWaterMark: 0 },
  );
  const size = head.byteLength + length + tail.byteLength;
  return {
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(size) },
    body,
    failure: () => failure,
  };
}
