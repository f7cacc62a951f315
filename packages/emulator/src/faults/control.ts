import type { Hono } from 'hono';
import { bindings } from '../shared/bindings.js';
import { isObject, readJson } from '../shared/body.js';
import { detailError, renderError } from '../shared/errors.js';
import type { FaultRegistry, FaultRule } from './rules.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A rule from JSON: `path` is a glob; `pathRegex` (a RegExp source) may be given instead. */
function ruleFromJson(body: unknown): FaultRule {
  if (!isObject(body)) throw detailError(400, 'Expected a fault rule object.');
  const { pathRegex, ...rest } = body;
  const rule = { ...rest } as unknown as FaultRule;
  if (typeof pathRegex === 'string') {
    try {
      rule.path = new RegExp(pathRegex);
    } catch (error) {
      throw detailError(400, `Invalid pathRegex - ${(error as Error).message}`);
    }
  }
  return rule;
}

/**
 * `/__emulator/faults` (GET list, POST add → `{id}`, DELETE clear) and `/__emulator/faults/{id}` (DELETE).
 * No authentication; only loopback clients are served.
 */
export function registerFaultControl(app: Hono, registry: FaultRegistry, stats: () => unknown): void {
  app.onError(renderError);
  app.use('/__emulator/*', async (c, next) => {
    const address = bindings(c).incoming.socket.remoteAddress ?? '';
    if (!LOOPBACK.has(address))
      throw detailError(403, 'The emulator control API is only served to loopback clients.');
    return next();
  });
  app.get('/__emulator/health', (c) => c.json({ ok: true }));
  app.get('/__emulator/stats', (c) => c.json(stats()));
  app.get('/__emulator/faults', (c) => c.json(registry.list()));
  app.post('/__emulator/faults', async (c) => {
    const rule = ruleFromJson(await readJson(c, 64 * 1024));
    try {
      return c.json({ id: registry.add(rule) }, 201);
    } catch (error) {
      throw detailError(400, (error as Error).message);
    }
  });
  app.delete('/__emulator/faults', (c) => {
    registry.clear();
    return c.body(null, 204);
  });
  app.delete('/__emulator/faults/:id', (c) => {
    if (!registry.remove(c.req.param('id'))) throw detailError(404, 'Not found.');
    return c.body(null, 204);
  });
}
