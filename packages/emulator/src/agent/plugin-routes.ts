import type { Context, Hono } from 'hono';
import type { RayCluster } from '../ray/cluster.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function jsonObject(c: Context): Promise<Json | null> {
  const body: unknown = await c.req.json().catch(() => null);
  return isObject(body) ? body : null;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs a plugin action as a Ray job (the simulated entrypoint rules apply, so params mentioning `fail` make it
 * fail) and answers `{job_id, submission_id}`.
 */
function runAsJob(c: Context, cluster: RayCluster, body: Json, code: string, debug: boolean): Response {
  const action = typeof body.action === 'string' ? body.action : 'run';
  const params = JSON.stringify(body.params ?? {});
  const entrypoint = `synapse plugin run --direct${debug ? ' --debug' : ''} --code ${quote(code)} ${quote(action)} ${quote(params)}`;
  const runtimeEnv = isObject(body.runtime_env) ? body.runtime_env : null;
  const record = cluster.jobs.submit({ entrypoint, runtimeEnv, metadata: { plugin_release: code, action } });
  return c.json({ job_id: record.submissionId, submission_id: record.submissionId });
}

/** `plugin_releases/` (create), `plugin_releases/{code}/run/` and `plugin_releases/run_debug/`. */
export function registerPluginRoutes(app: Hono, cluster: RayCluster): void {
  const releases = new Map<string, Json>();
  const invalid = (c: Context) => c.json({ non_field_errors: ['Invalid data. Expected a dictionary.'] }, 400);

  app.post('/plugin_releases/', async (c) => {
    const body = await jsonObject(c);
    if (!body) return invalid(c);
    const plugin = typeof body.plugin === 'string' ? body.plugin : 'plugin';
    const version = typeof body.version === 'string' ? body.version : '0.1.0';
    const release = {
      ...body,
      id: releases.size + 1,
      plugin,
      version,
      code: `${plugin}@${version}`,
      created: new Date().toISOString(),
    };
    releases.set(release.code, release);
    return c.json(release, 201);
  });

  app.post('/plugin_releases/run_debug/', async (c) => {
    const body = await jsonObject(c);
    if (!body) return invalid(c);
    return runAsJob(
      c,
      cluster,
      body,
      typeof body.plugin_path === 'string' ? body.plugin_path : 'debug',
      true,
    );
  });

  app.post('/plugin_releases/:code/run/', async (c) => {
    const body = await jsonObject(c);
    if (!body) return invalid(c);
    return runAsJob(c, cluster, body, c.req.param('code'), false);
  });
}
