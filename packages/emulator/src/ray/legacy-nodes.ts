import type { Hono } from 'hono';
import type { RayCluster } from './cluster.js';
import { type Row, seedNodes } from './state/seed.js';

const GiB = 1024 ** 3;

function toCamel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCamel);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      toCamel(inner),
    ]),
  );
}

function nodeSummary(node: Row, bootTime: number): Row {
  const ip = String(node.node_ip);
  return toCamel({
    hostname: `ray-${node.is_head_node ? 'head' : 'worker'}`,
    ip,
    cpu: 12.5,
    cpus: [Number((node.resources_total as Row).CPU), Number((node.resources_total as Row).CPU)],
    mem: [16 * GiB, 9 * GiB, 43.7, 7 * GiB],
    disk: { '/': { total: 200 * GiB, used: 60 * GiB, free: 140 * GiB, percent: 30 } },
    gpus: [],
    load_avg: [
      [0.5, 0.4, 0.3],
      [0.06, 0.05, 0.04],
    ],
    boot_time: Math.floor(bootTime / 1000) - 7200,
    network: [0, 0],
    agent: { http_port: 52365, grpc_port: 52366, pid: node.is_head_node ? 3100 : 5100 },
    raylet: {
      node_id: node.node_id,
      node_manager_address: ip,
      node_manager_port: 45678,
      node_manager_hostname: `ray-${node.is_head_node ? 'head' : 'worker'}`,
      state: node.state,
      is_head_node: node.is_head_node,
      resources_total: node.resources_total,
      labels: node.labels,
      start_time_ms: node.start_time_ms,
      end_time_ms: node.end_time_ms,
      object_store_used_memory: 0,
      object_store_available_memory: (node.resources_total as Row).object_store_memory,
      state_message: null,
    },
  }) as Row;
}

const EMPTY_DETAIL = {
  raylet: { objectStoreUsedMemory: 0, objectStoreAvailableMemory: 0, stateMessage: null },
  actors: {},
  workers: [],
};

/**
 * The dashboard's legacy `/nodes` routes read by Synapse's Python RayClient. `GET /nodes/{id}` answers as Ray
 * does: `{result, msg, data: {detail}}`, and for an unknown node id a 200 whose near-empty detail has a `raylet`
 * without `nodeId` (not the top-level `detail` the Python client looks for).
 */
export function registerLegacyNodeRoutes(app: Hono, cluster: RayCluster): void {
  app.get('/nodes', (c) => {
    const view = c.req.query('view');
    const nodes = seedNodes(cluster.bootTime);
    if (view === 'summary') {
      const summary = nodes.map((node) => nodeSummary(node, cluster.bootTime));
      const nodeLogicalResources = Object.fromEntries(
        nodes.map((node) => [node.node_id, `CPU: 0.0/${(node.resources_total as Row).CPU}`]),
      );
      return c.json({ result: true, msg: 'Node summary fetched.', data: { summary, nodeLogicalResources } });
    }
    if (view !== undefined && view.toLowerCase() === 'hostnamelist') {
      return c.json({
        result: true,
        msg: 'Node hostname list fetched.',
        data: { hostNameList: nodes.map((n) => n.node_name) },
      });
    }
    return c.json({ result: false, msg: `Unknown view ${view ?? 'None'}`, data: {} }, 500);
  });

  app.get('/nodes/:id', (c) => {
    const node = seedNodes(cluster.bootTime).find((n) => n.node_id === c.req.param('id'));
    const detail = node ? { ...nodeSummary(node, cluster.bootTime), actors: {}, workers: [] } : EMPTY_DETAIL;
    return c.json({ result: true, msg: 'Node details fetched.', data: { detail } });
  });
}
