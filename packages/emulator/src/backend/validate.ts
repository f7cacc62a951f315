import { isObject, type JsonObject } from '../shared/body.js';
import { ApiError, fieldErrors, requiredField } from '../shared/errors.js';
import type { Table } from './store.js';

/** A required reference to an existing row, given as an id (number or numeric string). */
export function requireRef<T extends { id: number }>(body: JsonObject, field: string, table: Table<T>): T {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw requiredField(field);
  const row = typeof value === 'number' || typeof value === 'string' ? table.get(value) : undefined;
  if (!row) throw fieldErrors({ [field]: [`Invalid pk "${String(value)}" - object does not exist.`] });
  return row;
}

export function optionalRef<T extends { id: number }>(body: JsonObject, field: string, table: Table<T>) {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  return requireRef(body, field, table);
}

export function requireString(body: JsonObject, field: string): string {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw requiredField(field);
  if (typeof value !== 'string') throw fieldErrors({ [field]: ['Not a valid string.'] });
  return value;
}

export function optionalString(body: JsonObject, field: string, fallback: string): string {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw fieldErrors({ [field]: ['Not a valid string.'] });
  return value;
}

export function optionalObject(body: JsonObject, field: string): JsonObject {
  const value = body[field];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw fieldErrors({ [field]: ['Expected a dictionary of items.'] });
  return value;
}

/** The body's fields other than `exclude`, kept as given (the emulator stores unknown fields verbatim). */
export function extraFields(body: JsonObject, exclude: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !exclude.includes(key)));
}

/** Parses a list body or a single-object body for bulk create endpoints. */
export function listOrObject(body: unknown): { items: JsonObject[]; many: boolean } {
  if (Array.isArray(body)) {
    const invalid = body.findIndex((item) => !isObject(item));
    if (invalid >= 0) {
      throw fieldErrors({ non_field_errors: [`Item ${invalid}: Invalid data. Expected a dictionary.`] });
    }
    return { items: body as JsonObject[], many: true };
  }
  if (isObject(body)) return { items: [body], many: false };
  throw fieldErrors({ non_field_errors: ['Invalid data. Expected a dictionary or a list.'] });
}

/** Validates every item first, so a bad item in a bulk create writes nothing (DRF: a list of error objects). */
export function validateAll<T>(items: JsonObject[], many: boolean, validate: (item: JsonObject) => T): T[] {
  if (!many) return items.map(validate);
  const errors: Array<Record<string, unknown>> = [];
  const results: T[] = [];
  let failed = false;
  for (const item of items) {
    try {
      results.push(validate(item));
      errors.push({});
    } catch (error) {
      if (!(error instanceof ApiError) || Array.isArray(error.body)) throw error;
      errors.push(error.body);
      failed = true;
    }
  }
  if (failed) throw new ApiError(400, errors);
  return results;
}
