import type { MiddlewareHandler } from 'hono';

/** Memory figures of the emulator process, in bytes. */
export interface MemoryStats {
  rss: number;
  /** Peak resident set size since the process started (`process.resourceUsage().maxRSS`, in bytes). */
  peakRss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** What `stats()` and `GET /__emulator/stats` report: object and request counts, memory, uptime. */
export interface EmulatorStats {
  /** Object counts per backend resource (`tasks`, `data_files`, `chunked_uploads`, …). */
  resources: Record<string, number>;
  /** Request counts keyed `"<service> <METHOD> <path>"`, with ids in the path shown as `{id}`. */
  requests: Record<string, number>;
  memory: MemoryStats;
  uptimeMs: number;
}

export function memoryStats(): MemoryStats {
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    heapTotal: usage.heapTotal,
    heapUsed: usage.heapUsed,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Folds ids out of a path so the counts stay per route: `/tasks/12/` → `/tasks/{id}/`. */
export function routeKey(path: string): string {
  if (path.startsWith('/media/')) return '/media/*';
  return path
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) || UUID.test(segment) ? '{id}' : segment))
    .join('/');
}

export class RequestCounter {
  readonly counts = new Map<string, number>();

  middleware(service: string): MiddlewareHandler {
    return async (c, next) => {
      if (!c.req.path.startsWith('/__emulator/')) {
        const key = `${service} ${c.req.method} ${routeKey(c.req.path)}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
      return next();
    };
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
