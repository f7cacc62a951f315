import type { Context, Hono } from 'hono';
import type { RayCluster } from '../ray/cluster.js';
import { stateRows } from '../ray/state/routes.js';
import { NOT_FOUND } from './job-routes.js';

type Json = Record<string, unknown>;

/** An application as the agent returns it: Ray's ApplicationDetails with `deployments` as a list. */
function agentApplication(details: Json): Json {
  return { ...details, deployments: Object.values((details.deployments as Json | undefined) ?? {}) };
}

function findOr404(c: Context, row: Json | undefined): Response {
  return row ? c.json(row) : c.json(NOT_FOUND, 404);
}

/** `nodes/`, `tasks/` (State API rows, with detail columns) and `serve_applications/`. */
export function registerClusterRoutes(app: Hono, cluster: RayCluster): void {
  app.get('/nodes/', (c) => c.json(stateRows(cluster, 'nodes')));
  app.get('/nodes/:pk/', (c) =>
    findOr404(
      c,
      stateRows(cluster, 'nodes').find((row) => row.node_id === c.req.param('pk')),
    ),
  );
  app.get('/tasks/', (c) => c.json(stateRows(cluster, 'tasks')));
  app.get('/tasks/:pk/', (c) =>
    findOr404(
      c,
      stateRows(cluster, 'tasks').find((row) => row.task_id === c.req.param('pk')),
    ),
  );

  app.get('/serve_applications/', (c) =>
    c.json(cluster.serve.names().map((name) => agentApplication(cluster.serve.application(name) ?? {}))),
  );
  app.get('/serve_applications/:pk/', (c) => {
    const details = cluster.serve.application(c.req.param('pk'));
    return findOr404(c, details && agentApplication(details));
  });
  app.delete('/serve_applications/:pk/', (c) =>
    cluster.serve.deleteApplication(c.req.param('pk')) ? c.body(null, 204) : c.json(NOT_FOUND, 404),
  );
}
