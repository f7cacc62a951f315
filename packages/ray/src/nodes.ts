import { type CallOptions, errorForStatus, type PathParam, path, type QueryParams } from '@synapse/core';
import type { Json, RayContext } from './context.js';
import { envelopeError } from './errors.js';

interface Envelope {
  result?: boolean;
  msg?: string;
  data?: Json;
}

/** Python `list_nodes`: `GET nodes` (no trailing slash) → `data.summary`; falsy `result` → ClientError 200. */
export async function listNodes(
  ctx: RayContext,
  params?: QueryParams,
  options?: CallOptions,
): Promise<Json[]> {
  const reply = await ctx.request<Envelope>('GET', 'nodes', { ...options, params });
  if (!reply.result) throw envelopeError(200, reply.msg);
  return (reply.data?.summary ?? []) as Json[];
}

/**
 * Python `get_node`: `GET nodes/{id}` → the top-level `detail.data`; falsy `detail.result` → ClientError 200;
 * no `agent` in it → ClientError 404 `Node Not Found`.
 */
export async function getNode(
  ctx: RayContext,
  id: PathParam,
  params?: QueryParams,
  options?: CallOptions,
): Promise<Json> {
  const reply = await ctx.request<{ detail?: Envelope }>('GET', path('nodes/{id}', { id }), {
    ...options,
    params,
  });
  const detail = reply.detail ?? {};
  if (!detail.result) throw envelopeError(200, detail.msg);
  if (!detail.data || !('agent' in detail.data)) {
    throw errorForStatus(404, `Ray: Node Not Found: ${id}`, { reason: 'Node Not Found', clientName: 'Ray' });
  }
  return detail.data;
}
