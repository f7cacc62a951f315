import { Hono } from 'hono';
import type { EmulatedService, ServiceContext } from '../shared/service.js';
import { RayCluster } from './cluster.js';
import { installFrameworkErrors } from './http-errors.js';
import { JOB_PATHS, registerJobRoutes } from './jobs/routes.js';
import { scriptedJobHandler } from './jobs/scripted.js';
import { rayTailUpgrade } from './jobs/tail-ws.js';
import { registerLegacyNodeRoutes } from './legacy-nodes.js';
import { registerServeRoutes, SERVE_PATH } from './serve/routes.js';
import { registerStateRoutes, STATE_PATHS } from './state/routes.js';
import { registerVersionRoutes } from './version.js';
import { requestPath, WebSocketHub } from './ws.js';

export { RayCluster } from './cluster.js';

/**
 * The emulated Ray dashboard. Pass a `cluster` shared with the agent service so both see the same jobs;
 * otherwise the service owns a cluster of its own.
 */
export function createRayService(context: ServiceContext, cluster?: RayCluster): EmulatedService {
  const ownCluster = cluster ?? new RayCluster(context);
  const app = new Hono();
  const hub = new WebSocketHub();
  registerVersionRoutes(app, ownCluster.bootTime);
  registerJobRoutes(app, ownCluster.jobs);
  registerStateRoutes(app, ownCluster);
  registerServeRoutes(app, ownCluster.serve);
  registerLegacyNodeRoutes(app, ownCluster);
  app.post('/__emulator/jobs', (c) => scriptedJobHandler(c, ownCluster.jobs));
  installFrameworkErrors(app, [
    ...JOB_PATHS,
    ...STATE_PATHS,
    SERVE_PATH,
    '/api/version',
    '/nodes',
    '/nodes/:id',
  ]);
  return {
    app,
    upgrade: (request, socket, head) =>
      rayTailUpgrade(ownCluster.jobs, hub, requestPath(request), request, socket, head),
    close: async () => {
      ownCluster.close();
      await hub.close();
    },
  };
}
