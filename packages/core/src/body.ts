import { ValidationError } from './errors.js';
import { type FileInput, prepareFile } from './files.js';
import { MultipartBody, type MultipartEntry } from './multipart.js';
import { pythonJsonDumps } from './python-json.js';

/** What a request sends: a JSON body, or a multipart form when `files` is given. */
export interface RequestBody {
  /** JSON body (any JSON value; `null` sends `null`). Ignored when `files` is given: then it is the form fields. */
  data?: unknown;
  /** File parts by field name. Their presence makes the request multipart, as in the Python client. */
  files?: Record<string, FileInput>;
  /** A body encoded by the caller (with its own Content-Type and Content-Length headers); `data` and `files` are ignored. */
  rawBody?: ReadableStream<Uint8Array>;
}

export interface EncodedBody {
  /** A multipart form is a `MultipartBody`: the transport sends it as a stream (Node) or a Blob. */
  body: string | MultipartBody | ReadableStream<Uint8Array> | undefined;
  headers: Record<string, string>;
}

function formValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'object') return pythonJsonDumps(value);
  return String(value);
}

/**
 * Python `_request` step 6 for POST/PUT/PATCH: multipart when files are given (dict values JSON-encoded, list
 * values repeated, `None` left out), otherwise JSON with `Content-Type: application/json` (no body when there
 * is no data). JSON is written as Python's `json.dumps` writes it, so requests match the Python client's.
 */
export async function encodeBody({ data, files, rawBody }: RequestBody): Promise<EncodedBody> {
  if (rawBody !== undefined) return { body: rawBody, headers: {} };
  if (files === undefined) {
    const body = data === undefined ? undefined : pythonJsonDumps(data);
    return { body, headers: { 'Content-Type': 'application/json' } };
  }
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new ValidationError('form fields sent with files must be an object', { argument: 'data' });
  }
  const entries: MultipartEntry[] = [];
  for (const [key, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) entries.push([key, formValue(item)]);
  }
  for (const [field, input] of Object.entries(files)) entries.push([field, await prepareFile(input, field)]);
  const form = new MultipartBody(entries);
  return { body: form, headers: { 'Content-Type': form.contentType, 'Content-Length': String(form.length) } };
}
