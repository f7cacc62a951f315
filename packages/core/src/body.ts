import { pythonJsonDumps } from './python-json.js';

/**
 * A body that knows its own headers and can be sent as a stream that reports each read (to tell a slow upload
 * from a stalled one) or as one Blob, and sent again for a retry: a `MultipartBody` (see `multipartForm`).
 */
export interface FormBody {
  readonly contentType: string;
  /** Bytes. */
  readonly length: number;
  stream(onRead?: () => void): ReadableStream<Uint8Array>;
  blob(): Blob;
}

/** What a request sends: a JSON body, or a multipart form. */
export interface RequestBody {
  /** JSON body (any JSON value; `null` sends `null`). */
  data?: unknown;
  /** A multipart form (from `multipartForm`), sent instead of `data`, as the Python client does with `files`. */
  form?: FormBody;
  /** A body encoded by the caller (with its own Content-Type and Content-Length headers); the others are ignored. */
  rawBody?: ReadableStream<Uint8Array>;
}

export interface EncodedBody {
  /** A form is sent by the transport as a stream (Node) or a Blob. */
  body: string | FormBody | ReadableStream<Uint8Array> | undefined;
  headers: Record<string, string>;
}

/** Tells a form from the other bodies without linking the multipart encoder into clients that never send one. */
export function isFormBody(body: unknown): body is FormBody {
  return typeof (body as Partial<FormBody> | null | undefined)?.blob === 'function';
}

/**
 * Python `_request` step 6 for POST/PUT/PATCH: a form as multipart, otherwise JSON with
 * `Content-Type: application/json` (no body when there is no data). JSON is written as Python's `json.dumps`
 * writes it, so requests match the Python client's.
 */
export function encodeBody({ data, form, rawBody }: RequestBody): EncodedBody {
  if (rawBody !== undefined) return { body: rawBody, headers: {} };
  if (form !== undefined) {
    return {
      body: form,
      headers: { 'Content-Type': form.contentType, 'Content-Length': String(form.length) },
    };
  }
  const body = data === undefined ? undefined : pythonJsonDumps(data);
  return { body, headers: { 'Content-Type': 'application/json' } };
}
