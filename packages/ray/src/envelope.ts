import * as v from 'valibot';
import { envelopeError } from './errors.js';

/**
 * The dashboard's `{result, msg, data}` envelope when it does not say `result: true`: a failure whatever else it
 * holds, so its `data` is not checked.
 */
export const FailedEnvelopeSchema = v.looseObject({
  result: v.optional(v.custom<unknown>((value) => value !== true)),
  msg: v.optional(v.unknown()),
});

/**
 * The successful envelope of a reply checked by `v.variant('result', [success, FailedEnvelopeSchema])`; a failed
 * one is a ClientError with status 200 quoting its `msg`, as the Python client raises.
 */
export function succeeded<R extends { result?: unknown; msg?: unknown }>(
  reply: R,
): Extract<R, { result: true }> {
  if (reply.result !== true) throw envelopeError(200, reply.msg);
  return reply as Extract<R, { result: true }>;
}
