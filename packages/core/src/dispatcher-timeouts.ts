import type { FetchFunction } from './options.js';

/**
 * Marks a fetch that can bound its own waits (Node's, over undici's dispatcher) and, in a request's init, the
 * bounds it is to use. The dispatcher's timers cost far less than an `AbortSignal` per request, which undici
 * listens to and lets go of on every call.
 */
export const DISPATCHER_TIMEOUTS: unique symbol = Symbol.for('@synapse/core.dispatcher-timeouts') as never;

/** Milliseconds: for the response headers once the request is on its connection, and for each wait of the body. */
export interface DispatcherTimeouts {
  headers: number;
  body: number;
}

/** A request's init that may carry dispatcher timeouts. */
export type InitWithTimeouts = RequestInit & { [DISPATCHER_TIMEOUTS]?: DispatcherTimeouts };

/** Whether `fetch` honours `DISPATCHER_TIMEOUTS` in its init. */
export function boundsItsOwnWaits(fetch: FetchFunction): boolean {
  return (fetch as Partial<Record<typeof DISPATCHER_TIMEOUTS, true>>)[DISPATCHER_TIMEOUTS] === true;
}
