import { Readable } from 'node:stream';
import busboy from 'busboy';

/** One part of a multipart body as the server saw it. */
export interface FormPart {
  name: string;
  /** Set for file parts. */
  filename?: string;
  contentType?: string;
  /** The part's bytes as text (latin1 for files, so any byte survives). */
  value: string;
  size: number;
}

/** Parses a multipart/form-data body with a real parser. */
export function parseMultipart(body: Buffer, contentType: string): Promise<FormPart[]> {
  return new Promise((resolve, reject) => {
    const parts: FormPart[] = [];
    const parser = busboy({ headers: { 'content-type': contentType } });
    parser.on('field', (name, value) => parts.push({ name, value, size: Buffer.byteLength(value) }));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        parts.push({
          name,
          filename: info.filename,
          contentType: info.mimeType,
          value: bytes.toString('latin1'),
          size: bytes.length,
        });
      });
    });
    parser.on('close', () => resolve(parts));
    parser.on('error', reject);
    Readable.from([body]).pipe(parser);
  });
}
