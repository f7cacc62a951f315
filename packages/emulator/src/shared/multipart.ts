import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { ApiError, detailError } from './errors.js';

export interface FilePart {
  field: string;
  filename: string;
  mimeType: string;
  stream: Readable;
}

export interface MultipartOptions {
  /** Consumes one file part; must read `part.stream` to its end (or let it be drained on error). */
  onFile: (part: FilePart, fields: Readonly<Record<string, string>>) => Promise<void>;
  /** Largest accepted file part in bytes. */
  maxFileBytes: number;
}

const MiB = 1024 * 1024;

export const isMultipart = (contentType: string | undefined): boolean =>
  contentType?.toLowerCase().startsWith('multipart/form-data') ?? false;

/**
 * Streams a multipart body with busboy. Form fields are collected; file parts go to `onFile` as they arrive,
 * so memory does not grow with the size of the upload.
 */
export function parseMultipart(
  incoming: IncomingMessage,
  options: MultipartOptions,
): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: incoming.headers,
        // Browsers and undici send part filenames as raw UTF-8; busboy's default would read them as latin1.
        defParamCharset: 'utf8',
        // Large buffers: fewer, bigger writes and hash updates on multi-MiB uploads.
        highWaterMark: MiB,
        fileHwm: MiB,
        // busboy counts a part that reaches `fileSize` as too large: a file of exactly `maxFileBytes` is accepted.
        limits: { fieldSize: MiB, fields: 1000, files: 20, fileSize: options.maxFileBytes + 1 },
      });
    } catch (error) {
      reject(detailError(400, `Multipart form parse error - ${(error as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    // Stryker disable next-line ArrayDeclaration: Promise.all passes a non-promise entry straight through
    const pending: Promise<void>[] = [];
    let failure: unknown;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      stream.on('limit', () => {
        failure ??= detailError(413, 'Uploaded file is too large.');
      });
      const handled = options
        .onFile({ field, filename: info.filename ?? field, mimeType: info.mimeType, stream }, fields)
        .catch((error: unknown) => {
          failure ??= error;
          stream.resume();
        });
      pending.push(handled);
    });
    parser.on('error', (error: Error) => {
      failure ??= detailError(400, `Multipart form parse error - ${error.message}`);
      incoming.unpipe(parser);
      incoming.resume();
    });
    // Also after an error: busboy destroys itself then.
    parser.on('close', () => {
      Promise.all(pending).then(() => (failure ? reject(failure) : resolve(fields)));
    });
    // `pipe` does not pass on a client that goes away mid-body: without this the open part stream waits
    // forever, and whatever writes it (a chunk append, a temporary file) never finishes or cleans up.
    incoming.once('close', () => {
      if (incoming.complete) return;
      // Stryker disable next-line ObjectLiteral,StringLiteral: the client has gone, no one reads this reply
      failure ??= new ApiError(400, { detail: 'Request aborted.' });
      incoming.unpipe(parser);
      parser.destroy(failure as Error);
    });
    incoming.pipe(parser);
  });
}
