import type { Hono } from 'hono';
import type { ServiceContext } from '../shared/service.js';

const METRIC_UNITS: Record<string, string> = {
  cpu: 'percent',
  memory: 'bytes',
  gpu: 'percent',
  disk: 'bytes',
  network: 'bytes/s',
};

/** `health/`, `metrics/{panel}/` and `code-server/info/`. */
export function registerCoreRoutes(app: Hono, context: ServiceContext): void {
  const startedAt = Date.now();

  app.get('/health/', (c) =>
    c.json({
      status: 'healthy',
      uptime_s: Math.round((Date.now() - startedAt) / 1000),
      ray: { status: 'connected', dashboard_url: context.urls().rayUrl },
    }),
  );

  app.get('/metrics/:panel/', (c) => {
    const panel = c.req.param('panel');
    const now = Math.floor(Date.now() / 1000);
    return c.json({
      panel,
      unit: METRIC_UNITS[panel] ?? 'value',
      data: Array.from({ length: 5 }, (_, i) => ({ timestamp: now - (4 - i) * 15, value: 20 + i * 5 })),
    });
  });

  app.get('/code-server/info/', (c) => {
    const workspace = c.req.query('workspace') ?? '/home/synapse/workspace';
    const url = new URL('/code-server/', context.baseUrl() || 'http://127.0.0.1');
    url.searchParams.set('folder', workspace);
    return c.json({ status: 'running', url: url.toString(), workspace, password: null });
  });
}
