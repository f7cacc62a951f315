import type { Hono } from 'hono';
import { readJson, readJsonObject } from '../../shared/body.js';
import { notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import type { LogEntry, ServeApplication } from '../model.js';
import { type Backend, now } from '../state.js';
import { listOrObject, validateAll } from '../validate.js';

const serializeLog = (log: LogEntry) => ({ ...log.fields, id: log.id, created: log.created });
const serializeApp = (row: ServeApplication) => ({ ...row.fields, id: row.id, created: row.created });

/** `logs/`, `serve_applications/`, `agents/{token}/connect/`. */
export function registerMisc(app: Hono, backend: Backend): void {
  const { state } = backend;
  app.post('/logs/', async (c) => {
    const { items } = listOrObject(await readJson(c, backend.options.maxJsonBytes));
    const created = validateAll(items, true, (item) => item).map((fields) =>
      state.logs.insert((id) => ({ id, fields, created: now() })),
    );
    return c.json(created.map(serializeLog), 201);
  });
  app.get('/logs/', (c) => c.json(paginate(c, backend.ctx.baseUrl(), state.logs.all(), serializeLog)));
  app.get('/serve_applications/', (c) => {
    const rows = state.serveApplications.all().filter((row) => {
      const job = c.req.query('job');
      return job === undefined || String(row.fields.job) === job;
    });
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serializeApp));
  });
  app.post('/serve_applications/', async (c) => {
    const fields = await readJsonObject(c, backend.options.maxJsonBytes);
    const row = state.serveApplications.insert((id) => ({ id, fields, created: now() }));
    return c.json(serializeApp(row), 201);
  });
  app.post('/agents/:token/connect/', (c) => {
    if (c.req.param('token') !== backend.ctx.tokens.agentToken) throw notFound();
    const { agentUrl } = backend.ctx.urls();
    return c.json({ status: 'connected', url: agentUrl, connected_at: now() });
  });
}
