import type { FormBody } from './body.js';
import { type PreparedFile, webStreamIterable } from './files.js';

const encoder = new TextEncoder();

/** Largest piece handed to fetch at once (a view, not a copy). */
const PIECE_SIZE = 256 * 1024;

/** As the WHATWG FormData encoding does it: every CR or LF alone becomes CRLF. */
export const normalizeLinefeeds = (value: string): string => value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');

/** As undici escapes a part's name and filename. */
const escapeQuoted = (value: string) =>
  value.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');

/** A boundary of the form undici's FormData encoding uses. */
export function randomBoundary(): string {
  const digits = `${Math.floor(Math.random() * 1e11)}`.padStart(11, '0');
  return `----formdata-undici-0${digits}`;
}

/** One form entry: a text field, or a file part. */
export type MultipartEntry = readonly [name: string, value: string | PreparedFile];

/**
 * A `multipart/form-data` body, byte for byte as `fetch` encodes the same `FormData` (a lone surrogate becomes
 * U+FFFD in UTF-8, as FormData's USVStrings do), with its exact length. It can be sent as a Blob (anywhere) or
 * as a stream that reports each read (to tell a slow upload from a stalled one), and read again for a retry:
 * files are Blobs, read only while the body is sent.
 */
export class MultipartBody implements FormBody {
  readonly boundary = randomBoundary();
  readonly length: number;
  readonly #parts: Array<Uint8Array | Blob>;

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
      this.#parts.push(
        encoder.encode(
          `${disposition}\r\nContent-Type: ${value.blob.type || 'application/octet-stream'}\r\n\r\n`,
        ),
        value.blob,
        crlf,
      );
    }
    this.#parts.push(encoder.encode(`--${this.boundary}--\r\n`));
    this.length = this.#parts.reduce(
      (sum, part) => sum + (part instanceof Blob ? part.size : part.byteLength),
      0,
    );
  }

  get contentType(): string {
    return `multipart/form-data; boundary=${this.boundary}`;
  }

  /** The whole body as one Blob (its parts are not copied). */
  blob(): Blob {
    return new Blob(this.#parts as BlobPart[]);
  }

  /** The body as a new stream; `onRead` runs whenever the consumer asks for more bytes. */
  stream(onRead: () => void = () => undefined): ReadableStream<Uint8Array> {
    const pieces = this.#pieces();
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          onRead();
          const next = await pieces.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
      },
      { highWaterMark: 0 },
    );
  }

  async *#pieces(): AsyncGenerator<Uint8Array> {
    for (const part of this.#parts) {
      if (!(part instanceof Blob)) {
        yield part;
        continue;
      }
      for await (const chunk of webStreamIterable(part.stream() as ReadableStream<Uint8Array>)) {
        // An in-memory Blob may come out whole: in pieces, each read tells that the upload moves.
        for (let at = 0; at < chunk.byteLength; at += PIECE_SIZE) yield chunk.subarray(at, at + PIECE_SIZE);
      }
    }
  }
}
