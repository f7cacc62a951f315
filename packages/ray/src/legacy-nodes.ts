import { errorForStatus } from '@synapse/core/internal';
import * as v from 'valibot';
import { FailedEnvelopeSchema, succeeded } from './envelope.js';
import {
  type RayNodeDetail,
  RayNodeDetailSchema,
  type RayNodeSummary,
  RayNodeSummarySchema,
} from './models/legacy-nodes.js';

/** `GET nodes?view=summary`: `{result, msg, data: {summary: [...]}}`. */
export const NodeSummariesEnvelopeSchema = v.variant('result', [
  v.looseObject({
    result: v.literal(true),
    msg: v.optional(v.string()),
    data: v.looseObject({ summary: v.array(RayNodeSummarySchema) }),
  }),
  FailedEnvelopeSchema,
]);

/** `GET nodes/{id}`: `{result, msg, data: {detail}}`. */
export const NodeDetailEnvelopeSchema = v.variant('result', [
  v.looseObject({
    result: v.literal(true),
    msg: v.optional(v.string()),
    data: v.optional(v.looseObject({ detail: v.optional(RayNodeDetailSchema) })),
  }),
  FailedEnvelopeSchema,
]);

/** The node summaries of a `GET nodes` reply. */
export function nodeSummaries(reply: v.InferOutput<typeof NodeSummariesEnvelopeSchema>): RayNodeSummary[] {
  return succeeded(reply).data.summary;
}

/**
 * The node detail of a `GET nodes/{id}` reply. Ray answers an unknown id with a near-empty detail (a `raylet`
 * without `nodeId`): that is a 404 `Node Not Found`, as in Python.
 */
export function nodeDetail(
  reply: v.InferOutput<typeof NodeDetailEnvelopeSchema>,
  id: unknown,
): RayNodeDetail {
  const detail = succeeded(reply).data?.detail;
  if (!detail || typeof detail.raylet?.nodeId !== 'string') {
    throw errorForStatus(404, `Ray: Node Not Found: ${id}`, { reason: 'Node Not Found', clientName: 'Ray' });
  }
  return detail;
}
