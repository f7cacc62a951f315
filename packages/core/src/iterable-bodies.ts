import type { FetchFunction } from './options.js';

/**
 * Marks a fetch that takes an async iterable of bytes as a request body (Node's, over undici's dispatcher): a form is
 * handed to it as one (see `FormBody.pieces`) rather than as a web stream.
 */
export const ITERABLE_BODIES: unique symbol = Symbol.for('@synapse/core.iterable-bodies') as never;

/** Whether `fetch` takes an async iterable as a request body. */
export function takesIterableBodies(fetch: FetchFunction): boolean {
  return (fetch as Partial<Record<typeof ITERABLE_BODIES, true>>)[ITERABLE_BODIES] === true;
}
