import { ValidationError } from './errors.js';

/**
 * What marks a form body. A form is not told by its shape: a stream may have `blob()` and `stream()` too (Bun's
 * `ReadableStream` has `blob()`). Registered, so the ESM and CJS builds share it.
 */
export const FORM_BODY: unique symbol = Symbol.for('@synapse/core.form-body') as never;

/**
 * A body that knows its own headers and can be sent as a stream that reports each read (to tell a slow upload
 * from a stalled one) or as one Blob, and sent again for a retry: a `MultipartBody` (see `multipartForm`).
 */
export interface FormBody {
  /** Marks a form (see `isFormBody`). */
  readonly [FORM_BODY]: true;
  readonly contentType: string;
  /** Bytes. */
  readonly length: number;
  stream(onRead?: () => void): ReadableStream<Uint8Array>;
  /** The same bytes as `stream` gives, for a fetch that takes an async iterable as a body (no web stream). */
  pieces(onRead?: () => void): AsyncIterable<Uint8Array>;
  blob(): Promise<Blob>;
  /** Why the body could not be produced (a file failed to read), once that happened. */
  failure(): ValidationError | undefined;
}

/** What a request sends: a JSON body, or a multipart form. */
export interface RequestBody {
  /** JSON body (any JSON value; `null` sends `null`). */
  data?: unknown;
  /** A multipart form (from `multipartForm`), sent instead of `data`, as the Python client does with `files`. */
  form?: FormBody;
}

export interface EncodedBody {
  /** A form is sent by the transport as a stream (Node) or a Blob. */
  body: string | FormBody | undefined;
  headers: Record<string, string>;
}

/** Tells a form from the other bodies without linking the multipart encoder into clients that never send one. */
export function isFormBody(body: unknown): body is FormBody {
  return (body as Partial<FormBody> | null | undefined)?.[FORM_BODY] === true;
}

/**
 * `value` as JSON text: `JSON.stringify`'s, `null` for a value it leaves out (`undefined`, a function). What JSON
 * cannot hold (a circular structure, a BigInt, nesting deeper than the call stack) is a `ValidationError` naming
 * `data`, thrown before anything is sent.
 */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ValidationError('data is nested too deeply to be sent as JSON', {
        argument: 'data',
        cause: error,
      });
    }
    if (error instanceof TypeError) {
      const reason = error.message.split('\n')[0];
      throw new ValidationError(`data cannot be sent as JSON (${reason})`, {
        argument: 'data',
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Python `_request` step 6 for POST/PUT/PATCH: a form as multipart, otherwise JSON (`jsonText`) with
 * `Content-Type: application/json` (no body when there is no data).
 */
export function encodeBody({ data, form }: RequestBody): EncodedBody {
  if (form !== undefined) {
    return {
      body: form,
      headers: { 'Content-Type': form.contentType, 'Content-Length': String(form.length) },
    };
  }
  const body = data === undefined ? undefined : jsonText(data);
  return { body, headers: { 'Content-Type': 'application/json' } };
}
