import * as v from 'valibot';

/**
 * A JSON object (a Python dict): not an array, not null. valibot's `record` accepts arrays and turns them into
 * index-keyed objects, so it is not used for request bodies.
 */
export const JsonObjectSchema = v.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'Expected a JSON object',
);
