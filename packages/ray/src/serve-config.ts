import { parseInput } from '@synapse/core/internal';
import * as v from 'valibot';
import type { RayServeApplication, RayServeApplicationDetails, ServeDeployConfig } from './schemas.js';

/** The Serve REST API's one route (GET, PUT and DELETE). */
export const SERVE_APPLICATIONS_PATH = 'api/serve/applications/';

const DeployConfigSchema = v.looseObject({
  applications: v.array(v.looseObject({ import_path: v.pipe(v.string(), v.nonEmpty()) })),
});

/** A `deployServeApplications` config, validated (every application needs an `import_path`). */
export function parseDeployConfig(config: ServeDeployConfig): Record<string, unknown> {
  return parseInput(DeployConfigSchema, config, 'config');
}

/** Python's transformation: `deployments` from a dict keyed by name to the list of its values. */
export function toServeApplication(details: RayServeApplicationDetails): RayServeApplication {
  return { ...details, deployments: Object.values(details.deployments) };
}
