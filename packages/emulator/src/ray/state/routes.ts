import type { Hono } from 'hono';
import type { RayCluster } from '../cluster.js';
import { toJobDetails } from '../jobs/details.js';
import { ACTOR_SCHEMA, JOB_SCHEMA, NODE_SCHEMA, type Schema, TASK_SCHEMA } from './columns.js';
import { listResult, parseListOptions, StateQueryError } from './query.js';
import { type Row, seedActors, seedNodes, seedTasks } from './seed.js';

interface Resource {
  path: string;
  schema: Schema;
  sortKey: string;
  rows: (cluster: RayCluster, excludeDriver: boolean) => Row[];
}

const RESOURCES: Resource[] = [
  {
    path: '/api/v0/nodes',
    schema: NODE_SCHEMA,
    sortKey: 'node_id',
    rows: (cluster) => seedNodes(cluster.bootTime),
  },
  { path: '/api/v0/actors', schema: ACTOR_SCHEMA, sortKey: 'actor_id', rows: () => seedActors() },
  {
    path: '/api/v0/tasks',
    schema: TASK_SCHEMA,
    sortKey: 'task_id',
    rows: (cluster, excludeDriver) =>
      seedTasks(cluster.bootTime).filter((row) => !excludeDriver || row.type !== 'DRIVER_TASK'),
  },
  {
    path: '/api/v0/jobs',
    schema: JOB_SCHEMA,
    sortKey: 'job_id',
    rows: (cluster) => cluster.jobs.list().map((record) => ({ ...toJobDetails(record) })),
  },
];

export const STATE_PATHS = RESOURCES.map((resource) => resource.path);

/** Rows of one State API resource as `GET /api/v0/<resource>` would list them (used by the agent too). */
export function stateRows(cluster: RayCluster, resource: 'nodes' | 'actors' | 'tasks', detail = true): Row[] {
  const found = RESOURCES.find((r) => r.path === `/api/v0/${resource}`);
  if (!found) return [];
  const options = { limit: Number.MAX_SAFE_INTEGER, detail, excludeDriver: true, filters: [] };
  return listResult(found.rows(cluster, true), found.schema, options, found.sortKey).result;
}

/** State API v0 list routes with Ray's `{result, msg, data: {result}}` envelope. */
export function registerStateRoutes(app: Hono, cluster: RayCluster): void {
  for (const resource of RESOURCES) {
    app.get(resource.path, (c) => {
      try {
        const options = parseListOptions(new URL(c.req.url).searchParams, resource.schema);
        const rows = resource.rows(cluster, options.excludeDriver);
        const result = listResult(rows, resource.schema, options, resource.sortKey);
        return c.json({ result: true, msg: '', data: { result } });
      } catch (error) {
        if (!(error instanceof StateQueryError)) throw error;
        return c.json({ result: false, msg: error.message, data: { result: null } }, 400);
      }
    });
  }
}
