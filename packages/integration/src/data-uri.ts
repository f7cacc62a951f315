import { type FileInput, openFile, readWhole } from '@synapse/core/internal';

const MIME_TYPES = new Map<string, string>([
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['bmp', 'image/bmp'],
  ['tif', 'image/tiff'],
  ['tiff', 'image/tiff'],
  ['svg', 'image/svg+xml'],
  ['txt', 'text/plain'],
  ['log', 'text/plain'],
  ['csv', 'text/csv'],
  ['html', 'text/html'],
  ['json', 'application/json'],
  ['xml', 'application/xml'],
  ['yaml', 'application/yaml'],
  ['yml', 'application/yaml'],
  ['pdf', 'application/pdf'],
  ['zip', 'application/zip'],
  ['gz', 'application/gzip'],
  ['mp3', 'audio/mpeg'],
  ['wav', 'audio/wav'],
  ['mp4', 'video/mp4'],
]);

/** The MIME type of a file name by its extension; `application/octet-stream` when unknown. */
export function mimeTypeOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const known = dot === -1 ? undefined : MIME_TYPES.get(filename.slice(dot + 1).toLowerCase());
  return known ?? 'application/octet-stream';
}

// A multiple of 3, so the base64 of consecutive chunks concatenates without padding in between.
const CHUNK = 3 * 8192;

function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let rest = bytes; rest.length > 0; rest = rest.subarray(CHUNK)) {
    out += btoa(String.fromCharCode(...rest.subarray(0, CHUNK)));
  }
  return out;
}

/** Reads a file (path, Blob, bytes or stream) into a `data:<mime>;base64,…` URI. */
export async function fileToDataUri(input: FileInput, argument: string): Promise<string> {
  const file = await openFile(input, { argument });
  const bytes = await readWhole(file);
  return `data:${mimeTypeOf(file.filename)};base64,${toBase64(bytes)}`;
}
