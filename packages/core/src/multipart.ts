import { FORM_BODY, type FormBody } from './body.js';
import { isValidationError, ValidationError } from './errors.js';
import type { FileSource } from './file-sources.js';

const encoder = new TextEncoder();

/** Largest piece handed to fetch at once (a view, not a copy). */
const PIECE_SIZE = 256 * 1024;

/** As the WHATWG FormData encoding does it: every CR or LF alone becomes CRLF. */
const normalizeLinefeeds = (value: string): string => value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');

/** As undici escapes a part's name and filename. */
const escapeQuoted = (value: string) =>
  value.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');

/** A boundary of the form undici's FormData encoding uses. */
function randomBoundary(): string {
  const digits = `${Math.floor(Math.random() * 1e11)}`.padStart(11, '0');
  return `----formdata-undici-0${digits}`;
}

/** A file part: its name, media type and exact size, and its bytes, read afresh each time the form is sent. */
export interface FilePart {
  filename: string;
  /** Default: `application/octet-stream`. */
  type?: string;
  size: number;
  bytes(): AsyncIterable<Uint8Array>;
  /** The bytes as one Blob, when they are one already (sent whole where fetch cannot stream a body). */
  blob?: Blob;
}

/** A whole file as a form part. */
export function filePart(file: FileSource): FilePart {
  return {
    filename: file.filename,
    type: file.type,
    size: file.size,
    bytes: () => file.read(0, file.size),
    blob: file.blob,
  };
}

/** One form entry: a text field, or a file part. */
export type MultipartEntry = readonly [name: string, value: string | FilePart];

/** A file's failure as the input problem it is: the SDK's own errors as they are, any other wrapped. */
function inputError(error: unknown): ValidationError {
  if (isValidationError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ValidationError(`file could not be read: ${detail}`, { argument: 'file', cause: error });
}

const changed = (what: string) =>
  new ValidationError(`the file changed while it was read: it ${what}`, { argument: 'file' });

/**
 * A `multipart/form-data` body, byte for byte as `fetch` encodes the same `FormData` (a lone surrogate becomes
 * U+FFFD in UTF-8, as FormData's USVStrings do), with its exact length. It is sent as a stream that reports each
 * read (to tell a slow upload from a stalled one) or as one Blob, and read again for a retry. Every form of the
 * SDK is one, a chunk of a chunked upload included.
 */
export class MultipartBody implements FormBody {
  readonly [FORM_BODY] = true as const;
  readonly boundary = randomBoundary();
  readonly length: number;
  readonly #parts: Array<Uint8Array | FilePart>;
  #failure: ValidationError | undefined;

  constructor(entries: readonly MultipartEntry[]) {
    const prefix = `--${this.boundary}\r\nContent-Disposition: form-data`;
    const crlf = encoder.encode('\r\n');
    this.#parts = [];
    for (const [rawName, value] of entries) {
      const name = escapeQuoted(normalizeLinefeeds(rawName));
      if (typeof value === 'string') {
        this.#parts.push(encoder.encode(`${prefix}; name="${name}"\r\n\r\n${normalizeLinefeeds(value)}\r\n`));
        continue;
      }
      const { filename } = value;
      const disposition = `${prefix}; name="${name}"${filename ? `; filename="${escapeQuoted(filename)}"` : ''}`;
      const type = value.type || 'application/octet-stream';
      this.#parts.push(encoder.encode(`${disposition}\r\nContent-Type: ${type}\r\n\r\n`), value, crlf);
    }
    this.#parts.push(encoder.encode(`--${this.boundary}--\r\n`));
    this.length = this.#parts.reduce(
      (sum, part) => sum + (part instanceof Uint8Array ? part.byteLength : part.size),
      0,
    );
  }

  get contentType(): string {
    return `multipart/form-data; boundary=${this.boundary}`;
  }

  /**
   * Why the body could not be produced (a file failed, or gave more or fewer bytes than its size), once that
   * happened. fetch reports it as a network failure; the pipeline reports this instead.
   */
  failure(): ValidationError | undefined {
    return this.#failure;
  }

  /** The whole body as one Blob (Blob parts are not copied; other file parts are read into memory). */
  async blob(): Promise<Blob> {
    this.#failure = undefined;
    const parts: BlobPart[] = [];
    for (const part of this.#parts) {
      if (part instanceof Uint8Array) parts.push(part as BlobPart);
      else if (part.blob) parts.push(part.blob);
      else for await (const piece of this.#fileBytes(part)) parts.push(piece.slice() as BlobPart);
    }
    return new Blob(parts);
  }

  /** The body as a new stream; `onRead` runs whenever the consumer asks for more bytes. */
  stream(onRead: () => void = () => undefined): ReadableStream<Uint8Array> {
    const pieces = this.pieces(onRead);
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const next = await pieces.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        async cancel() {
          await pieces.return(undefined);
        },
      },
      // Pull only when the consumer asks: a piece may be a view of a buffer that is refilled a few reads later.
      { highWaterMark: 0 },
    );
  }

  /**
   * The body as a new async iterable of pieces; `onRead` runs whenever the consumer asks for more bytes. Node 20
   * keeps every web stream, with all it holds, until a full collection (measured: each one is promoted out of the
   * young generation), so a fetch that takes an iterable is given this instead.
   */
  pieces(onRead: () => void = () => undefined): AsyncGenerator<Uint8Array> {
    this.#failure = undefined;
    return this.#reported(onRead);
  }

  async *#reported(onRead: () => void): AsyncGenerator<Uint8Array> {
    onRead();
    for await (const piece of this.#pieces()) {
      yield piece;
      onRead();
    }
  }

  async *#pieces(): AsyncGenerator<Uint8Array> {
    for (const part of this.#parts) {
      if (part instanceof Uint8Array) yield part;
      else yield* this.#fileBytes(part);
    }
  }

  /** A file part's bytes, checked against its size; in pieces, so each read tells that the upload moves. */
  async *#fileBytes(part: FilePart): AsyncGenerator<Uint8Array> {
    const iterator = part.bytes()[Symbol.asyncIterator]();
    let sent = 0;
    let ended = false;
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const chunk = next.value;
        sent += chunk.byteLength;
        if (sent > part.size) throw changed(`ran past its ${part.size} bytes`);
        for (let at = 0; at < chunk.byteLength; at += PIECE_SIZE) yield chunk.subarray(at, at + PIECE_SIZE);
      }
      ended = true;
      if (sent !== part.size) throw changed(`ended after ${sent} of ${part.size} bytes`);
    } catch (error) {
      this.#failure = inputError(error);
      throw this.#failure;
    } finally {
      // Failed, cancelled or cut short: the file is told to stop (a stream, a file handle).
      if (!ended) await iterator.return?.(undefined)?.catch(() => undefined);
    }
  }
}
