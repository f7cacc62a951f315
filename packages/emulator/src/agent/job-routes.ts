import type { IncomingMessage } from 'node:http';
import type { Context, Hono } from 'hono';
import type { RayCluster } from '../ray/cluster.js';
import { toJobDetails } from '../ray/jobs/details.js';
import type { JobRecord } from '../ray/jobs/types.js';
import { logStreamResponse } from './log-stream.js';

export const NOT_FOUND = { detail: 'Not found.' };

/** Matches the agent's log stream routes, which also accept `Agent-Token`. */
export const STREAM_PATH = /^\/ray\/jobs\/([^/]+)\/logs\/(stream|ws)\/$/;

/** Destroys the client connection under @hono/node-server; false when the socket is not reachable. */
function destroySocket(c: Context): boolean {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  if (!socket) return false;
  socket.destroy();
  return true;
}

function withJob(c: Context, cluster: RayCluster, handle: (record: JobRecord) => Response): Response {
  const record = cluster.jobs.find(c.req.param('pk') ?? '');
  return record ? handle(record) : c.json(NOT_FOUND, 404);
}

/** The agent's proxy of Ray jobs: `jobs/…` and the HTTP log stream `ray/jobs/{pk}/logs/stream/`. */
export function registerJobRoutes(app: Hono, cluster: RayCluster): void {
  app.get('/jobs/', (c) => c.json(cluster.jobs.list().map(toJobDetails)));
  app.get('/jobs/:pk/', (c) => withJob(c, cluster, (record) => c.json(toJobDetails(record))));
  app.get('/jobs/:pk/logs/', (c) => withJob(c, cluster, (record) => c.json({ logs: record.log.text() })));
  app.post('/jobs/:pk/stop/', (c) =>
    withJob(c, cluster, (record) =>
      record.type === 'SUBMISSION'
        ? c.json({ stopped: cluster.jobs.stop(record) })
        : c.json({ detail: 'Can only stop submission type jobs' }, 400),
    ),
  );
  app.get('/ray/jobs/:pk/logs/stream/', (c) =>
    withJob(c, cluster, (record) => logStreamResponse(record, () => destroySocket(c))),
  );
  app.get('/ray/jobs/:pk/logs/ws/', (c) =>
    withJob(c, cluster, () => c.json({ detail: 'This route needs a WebSocket upgrade.' }, 426)),
  );
}
