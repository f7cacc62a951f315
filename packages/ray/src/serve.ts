import { type CallOptions, errorForStatus, parseInput, type QueryParams } from '@synapse/core';
import * as v from 'valibot';
import type { Json, RayContext } from './context.js';
import type { ServeApplication, ServeDeployConfig, ServeInstanceDetails } from './schemas.js';

const PATH = 'api/serve/applications/';

const DeployConfigSchema = v.looseObject({
  applications: v.array(v.looseObject({ import_path: v.pipe(v.string(), v.nonEmpty()) })),
});

/** Python's transformation: `deployments` from a dict keyed by name to the list of its values. */
function toApplication(details: Json): ServeApplication {
  const deployments = (details.deployments ?? {}) as Record<string, Json>;
  return { ...details, deployments: Object.values(deployments) } as ServeApplication;
}

export async function getServeApplications(
  ctx: RayContext,
  params?: QueryParams,
  options?: CallOptions,
): Promise<ServeInstanceDetails> {
  return ctx.request('GET', PATH, { ...options, params });
}

export async function listServeApplications(
  ctx: RayContext,
  params?: QueryParams,
  options?: CallOptions,
): Promise<ServeApplication[]> {
  const details = await getServeApplications(ctx, params, options);
  return Object.values(details.applications ?? {}).map(toApplication);
}

export async function getServeApplication(
  ctx: RayContext,
  name: string,
  params?: QueryParams,
  options?: CallOptions,
): Promise<ServeApplication> {
  const details = await getServeApplications(ctx, params, options);
  const app = Object.hasOwn(details.applications ?? {}, name) ? details.applications[name] : undefined;
  if (!app) {
    throw errorForStatus(404, `Ray: Serve Application Not Found: ${name}`, {
      reason: 'Serve Application Not Found',
      clientName: 'Ray',
    });
  }
  return toApplication(app);
}

export async function deployServeApplications(
  ctx: RayContext,
  config: ServeDeployConfig,
  options?: CallOptions,
): Promise<void> {
  const data = parseInput(DeployConfigSchema, config, 'config');
  await ctx.request('PUT', PATH, { ...options, data });
}

export async function deleteServeApplications(ctx: RayContext, options?: CallOptions): Promise<void> {
  await ctx.request('DELETE', PATH, options);
}
