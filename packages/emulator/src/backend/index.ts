import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { DEFAULT_JSON_LIMIT } from '../shared/body.js';
import { renderError, renderNotFound } from '../shared/errors.js';
import type { EmulatedService, ServiceContext } from '../shared/service.js';
import { authMiddleware } from './auth.js';
import { registerAssignments } from './routes/assignments.js';
import { registerChunkedUpload } from './routes/chunked-upload.js';
import { registerDataCollections } from './routes/data-collections.js';
import { registerDataFiles } from './routes/data-files.js';
import { registerDataUnits } from './routes/data-units.js';
import { registerGroundTruth } from './routes/ground-truth.js';
import { registerJobs } from './routes/jobs.js';
import { registerMedia } from './routes/media.js';
import { registerMisc } from './routes/misc.js';
import { registerModels } from './routes/models.js';
import { registerPlugins } from './routes/plugins.js';
import { registerProjects } from './routes/projects.js';
import { registerStorages } from './routes/storages.js';
import { registerTasks } from './routes/tasks.js';
import { seed } from './seed.js';
import { type Backend, type BackendOptions, BackendState } from './state.js';

export type { BackendOptions } from './state.js';
export { BackendState } from './state.js';

export const DEFAULT_BACKEND_OPTIONS: BackendOptions = {
  uploadExpiryMs: 24 * 60 * 60 * 1000,
  maxJsonBytes: DEFAULT_JSON_LIMIT,
  maxUploadBytes: 100 * 1024 ** 3,
  seed: true,
};

export interface BackendService extends EmulatedService {
  state: BackendState;
}

const isPublic = (path: string): boolean => path.startsWith('/media/') || path.startsWith('/__emulator/');

/** The emulated Synapse backend. */
export function createBackendService(
  ctx: ServiceContext,
  overrides: Partial<BackendOptions> = {},
): BackendService {
  const options = { ...DEFAULT_BACKEND_OPTIONS, ...overrides };
  const state = new BackendState();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const backend: Backend = {
    ctx,
    state,
    options,
    mediaUrl: (mediaPath) => `${ctx.baseUrl()}/media/${mediaPath}`,
    mediaDir: join(ctx.dataDir, 'media'),
    uploadDir: join(ctx.dataDir, 'uploads'),
    timers,
    events: new EventEmitter().setMaxListeners(0),
    later(ms, fn) {
      if (closed) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
  };
  mkdirSync(backend.mediaDir, { recursive: true });
  mkdirSync(backend.uploadDir, { recursive: true });
  if (options.seed) seed(backend);

  const app = new Hono();
  app.onError(renderError);
  app.notFound(renderNotFound);
  app.use('*', authMiddleware(ctx.tokens, isPublic));
  for (const register of [
    registerMedia,
    registerProjects,
    registerTasks,
    registerAssignments,
    registerDataCollections,
    registerDataFiles,
    registerDataUnits,
    registerChunkedUpload,
    registerModels,
    registerGroundTruth,
    registerStorages,
    registerPlugins,
    registerJobs,
    registerMisc,
  ]) {
    register(app, backend);
  }
  return {
    app,
    state,
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Ends any open log tails.
      for (const job of state.jobs.all()) backend.events.emit(`end:${job.id}`);
      backend.events.removeAllListeners();
    },
  };
}
