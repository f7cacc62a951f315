import { Hono } from 'hono';
import { RayCluster } from '../ray/cluster.js';
import { scriptedJobHandler } from '../ray/jobs/scripted.js';
import { WebSocketHub } from '../ray/ws.js';
import type { EmulatedService, ServiceContext } from '../shared/service.js';
import { agentAuth } from './auth.js';
import { registerClusterRoutes } from './cluster-routes.js';
import { registerCoreRoutes } from './core-routes.js';
import { NOT_FOUND, registerJobRoutes, STREAM_PATH } from './job-routes.js';
import { agentLogUpgrade } from './log-ws.js';
import { registerPluginRoutes } from './plugin-routes.js';

/**
 * The emulated Synapse agent. It proxies a simulated Ray cluster: pass the `cluster` given to
 * `createRayService` so both services share jobs and Serve applications; otherwise it owns one.
 */
export function createAgentService(context: ServiceContext, cluster?: RayCluster): EmulatedService {
  const ownCluster = cluster ?? new RayCluster(context);
  const token = context.tokens.agentToken;
  const hub = new WebSocketHub();
  const app = new Hono();
  app.post('/__emulator/jobs', (c) => scriptedJobHandler(c, ownCluster.jobs));
  app.use(
    '*',
    agentAuth(token, (path) => STREAM_PATH.test(path)),
  );
  registerCoreRoutes(app, context);
  registerPluginRoutes(app, ownCluster);
  registerJobRoutes(app, ownCluster);
  registerClusterRoutes(app, ownCluster);
  app.notFound((c) => c.json(NOT_FOUND, 404));
  return {
    app,
    upgrade: (request, socket, head) => agentLogUpgrade(token, ownCluster, hub, request, socket, head),
    close: async () => {
      ownCluster.close();
      await hub.close();
    },
  };
}
