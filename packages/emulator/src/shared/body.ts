import type { Context } from 'hono';
import { ApiError, detailError } from './errors.js';

/** Default limit for JSON request bodies (1 MiB). */
export const DEFAULT_JSON_LIMIT = 1024 * 1024;

// The unread rest of the body is discarded with the connection, so the client must not reuse it.
export const tooLarge = (): ApiError =>
  new ApiError(413, { detail: 'Request body is too large.' }, { Connection: 'close' });

async function readText(c: Context, limit: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body within `limit` bytes. An empty body reads as `undefined`. */
export async function readJson(c: Context, limit: number): Promise<unknown> {
  const text = await readText(c, limit);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw detailError(400, `JSON parse error - ${(error as Error).message}`);
  }
}

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a JSON body that must be an object. */
export async function readJsonObject(c: Context, limit: number): Promise<JsonObject> {
  const body = await readJson(c, limit);
  if (body === undefined) return {};
  if (!isObject(body)) {
    throw new ApiError(400, { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  }
  return body;
}
