import type { Hono } from 'hono';

export const RAY_VERSION = '2.40.0';

/** `GET /api/version` (Jobs API version, Ray version) and its Serve twin `/api/ray/version`. */
export function registerVersionRoutes(app: Hono, bootTime: number): void {
  const stamp = new Date(bootTime).toISOString().replace('T', '_').replace(/:/g, '-').slice(0, 19);
  const body = {
    version: '4',
    ray_version: RAY_VERSION,
    ray_commit: '3d8b0b9c6f1c2a4e5d7f9b1a3c5e7d9f1b3a5c7e',
    session_name: `session_${stamp}_000000_1`,
  };
  app.get('/api/version', (c) => c.json(body));
  app.get('/api/ray/version', (c) => c.json(body));
}
