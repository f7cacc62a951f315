import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A JSON error reply, thrown from handlers and rendered by `renderError`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: Record<string, unknown> | Array<Record<string, unknown>>,
    readonly headers: Record<string, string> = {},
  ) {
    super(!Array.isArray(body) && typeof body.detail === 'string' ? body.detail : `HTTP ${status}`);
  }
}

export const notFound = (): ApiError => new ApiError(404, { detail: 'Not found.' });

export const detailError = (
  status: ContentfulStatusCode,
  detail: string,
  extra: Record<string, unknown> = {},
) => new ApiError(status, { detail, ...extra });

/** DRF-style field errors: `{"field": ["message"]}`. */
export const fieldErrors = (errors: Record<string, string[]>): ApiError => new ApiError(400, errors);

export const requiredField = (field: string): ApiError =>
  fieldErrors({ [field]: ['This field is required.'] });

/** `app.onError` handler shared by the emulated services. */
export function renderError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json(error.body, error.status);
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 600) {
    return c.json({ detail: error.message }, status as ContentfulStatusCode);
  }
  console.error('[synapse-emulator] unhandled error', error);
  return c.json({ detail: 'A server error occurred.' }, 500);
}

export const renderNotFound = (c: Context): Response => c.json({ detail: 'Not found.' }, 404);
