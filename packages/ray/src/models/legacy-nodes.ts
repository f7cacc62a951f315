import { JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';

// The dashboard's legacy `nodes` routes (the Python RayClient's `list_nodes` / `get_node`): camelCase keys, and
// the physical stats only once the node's agent has reported them. Stats whose layout Ray does not document are
// `unknown`.

const str = v.optional(v.string());
const num = v.optional(v.number());
const millis = v.optional(v.union([v.number(), v.string()]));

/** What the cluster's control store knows of a node, with its object store usage. */
export interface RayNodeRaylet {
  /** Hex; missing from the near-empty detail Ray sends for a node it does not know. */
  nodeId?: string;
  nodeManagerAddress?: string;
  nodeManagerPort?: number;
  nodeManagerHostname?: string;
  /** `ALIVE` or `DEAD`. */
  state?: string;
  isHeadNode?: boolean;
  resourcesTotal?: Record<string, number>;
  labels?: Record<string, string>;
  /** Milliseconds since the epoch (a number, or its digits as a string). */
  startTimeMs?: number | string;
  /** Milliseconds since the epoch (a number, or its digits as a string). */
  endTimeMs?: number | string;
  /** Bytes. */
  objectStoreUsedMemory?: number;
  /** Bytes. */
  objectStoreAvailableMemory?: number;
  stateMessage?: string | null;
  [key: string]: unknown;
}

export const RayNodeRayletSchema = v.looseObject({
  nodeId: str,
  nodeManagerAddress: str,
  nodeManagerPort: num,
  nodeManagerHostname: str,
  state: str,
  isHeadNode: v.optional(v.boolean()),
  resourcesTotal: v.optional(v.record(v.string(), v.number())),
  labels: v.optional(v.record(v.string(), v.string())),
  startTimeMs: millis,
  endTimeMs: millis,
  objectStoreUsedMemory: num,
  objectStoreAvailableMemory: num,
  stateMessage: v.nullish(v.string()),
});

const summaryEntries = {
  hostname: str,
  ip: str,
  cpu: num,
  cpus: v.optional(v.unknown()),
  mem: v.optional(v.unknown()),
  disk: v.optional(v.unknown()),
  gpus: v.optional(v.unknown()),
  loadAvg: v.optional(v.unknown()),
  bootTime: num,
  network: v.optional(v.unknown()),
  agent: v.optional(v.unknown()),
  raylet: v.optional(RayNodeRayletSchema),
};

/** A node as `listNodes` returns it (`data.summary` of `GET nodes?view=summary`). */
export interface RayNodeSummary {
  hostname?: string;
  ip?: string;
  /** CPU use, in percent. */
  cpu?: number;
  /** The logical and physical CPU counts. */
  cpus?: unknown;
  /** Memory: total, available, percent used, used. */
  mem?: unknown;
  /** Disk use by mount point. */
  disk?: unknown;
  gpus?: unknown;
  loadAvg?: unknown;
  /** Seconds since the epoch. */
  bootTime?: number;
  /** Bytes sent and received per second. */
  network?: unknown;
  /** The node's dashboard agent (its ports and pid). */
  agent?: unknown;
  raylet?: RayNodeRaylet;
  [key: string]: unknown;
}

export const RayNodeSummarySchema = v.looseObject(summaryEntries);

/** A node as `getNode` returns it (`data.detail` of `GET nodes/{id}`): its summary, actors and workers. */
export interface RayNodeDetail extends RayNodeSummary {
  /** The node's actors by actor id. */
  actors?: Record<string, Record<string, unknown>>;
  /** The node's worker processes. */
  workers?: Record<string, unknown>[];
}

export const RayNodeDetailSchema = v.looseObject({
  ...summaryEntries,
  actors: v.optional(v.record(v.string(), JsonObjectSchema)),
  workers: v.optional(v.array(JsonObjectSchema)),
});
