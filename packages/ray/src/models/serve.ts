import { JsonObjectSchema } from '@synapse/core/internal';
import * as v from 'valibot';

// The Serve REST API (`api/serve/applications/`). Statuses are strings: Ray adds new ones from one version to the
// next.

const str = v.optional(v.string());
const nullableString = v.nullish(v.string());
const nullableObject = v.nullish(JsonObjectSchema);

/** A Serve actor: where it runs and where it logs (Ray's ServeActorDetails). */
export interface RayServeActor {
  node_id?: string | null;
  node_ip?: string | null;
  node_instance_id?: string | null;
  actor_id?: string | null;
  actor_name?: string | null;
  worker_id?: string | null;
  log_file_path?: string | null;
  [key: string]: unknown;
}

const actorEntries = {
  node_id: nullableString,
  node_ip: nullableString,
  node_instance_id: nullableString,
  actor_id: nullableString,
  actor_name: nullableString,
  worker_id: nullableString,
  log_file_path: nullableString,
};

export const RayServeActorSchema = v.looseObject(actorEntries);

/** An HTTP proxy of Serve on one node. */
export interface RayServeProxy extends RayServeActor {
  /** `STARTING`, `HEALTHY`, `UNHEALTHY`, `DRAINING` or `DRAINED`. */
  status?: string;
}

export const RayServeProxySchema = v.looseObject({ ...actorEntries, status: str });

/** One replica of a deployment. */
export interface RayServeReplica extends RayServeActor {
  replica_id: string;
  /** `STARTING`, `UPDATING`, `RECOVERING`, `RUNNING`, `STOPPING` or `PENDING_MIGRATION`. */
  state: string;
  pid?: number | null;
  /** Seconds since the epoch. */
  start_time_s?: number;
}

export const RayServeReplicaSchema = v.looseObject({
  ...actorEntries,
  replica_id: v.string(),
  state: v.string(),
  pid: v.nullish(v.number()),
  start_time_s: v.optional(v.number()),
});

/** A deployment of an application (Ray's DeploymentDetails). */
export interface RayServeDeployment {
  name: string;
  /** `UPDATING`, `HEALTHY`, `UNHEALTHY`, `DEPLOY_FAILED`, `UPSCALING` or `DOWNSCALING`. */
  status: string;
  /** What changed the status last, e.g. `CONFIG_UPDATE_COMPLETED`, `AUTOSCALING`, `HEALTH_CHECK_FAILED`. */
  status_trigger?: string;
  message?: string;
  /** Its settings: `num_replicas`, `max_ongoing_requests`, `user_config`, `autoscaling_config`, … */
  deployment_config?: Record<string, unknown>;
  target_num_replicas?: number;
  required_resources?: Record<string, unknown>;
  replicas?: RayServeReplica[];
  autoscaling_detail?: Record<string, unknown> | null;
  [key: string]: unknown;
}

export const RayServeDeploymentSchema = v.looseObject({
  name: v.string(),
  status: v.string(),
  status_trigger: str,
  message: str,
  deployment_config: v.optional(JsonObjectSchema),
  target_num_replicas: v.optional(v.number()),
  required_resources: v.optional(JsonObjectSchema),
  replicas: v.optional(v.array(RayServeReplicaSchema)),
  autoscaling_detail: nullableObject,
});

const applicationEntries = {
  name: v.string(),
  route_prefix: nullableString,
  docs_path: nullableString,
  status: v.string(),
  message: str,
  last_deployed_time_s: v.optional(v.number()),
  deployed_app_config: nullableObject,
  source: str,
  external_scaler_enabled: v.optional(v.boolean()),
  deployment_topology: nullableObject,
};

/** What Ray tells of an application besides its deployments (Ray's ApplicationDetails). */
interface ServeApplicationFields {
  name: string;
  /** The HTTP route it serves under, e.g. `/demo_app`; null when it has none. */
  route_prefix?: string | null;
  docs_path?: string | null;
  /** `NOT_STARTED`, `DEPLOYING`, `DEPLOY_FAILED`, `RUNNING`, `UNHEALTHY` or `DELETING`. */
  status: string;
  message?: string;
  /** Seconds since the epoch. */
  last_deployed_time_s?: number;
  /** The config it was deployed with, as submitted. */
  deployed_app_config?: Record<string, unknown> | null;
  /** `imperative`, `declarative` or `unknown`. */
  source?: string;
  external_scaler_enabled?: boolean;
  deployment_topology?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** An application as Ray sends it, its deployments keyed by name (Ray's ApplicationDetails). */
export interface RayServeApplicationDetails extends ServeApplicationFields {
  deployments: Record<string, RayServeDeployment>;
}

export const RayServeApplicationDetailsSchema = v.looseObject({
  ...applicationEntries,
  deployments: v.record(v.string(), RayServeDeploymentSchema),
});

/**
 * An application as `listServeApplications` and `getServeApplication` return it (as the Python client does): Ray's
 * ApplicationDetails with its deployments as a list.
 */
export interface RayServeApplication extends ServeApplicationFields {
  /** Its deployments, in Ray's order. */
  deployments: RayServeDeployment[];
}

export const RayServeApplicationSchema = v.looseObject({
  ...applicationEntries,
  deployments: v.array(RayServeDeploymentSchema),
});

/** Where Serve listens for HTTP. */
export interface RayServeHttpOptions {
  host?: string;
  port?: number;
  root_path?: string;
  request_timeout_s?: number | null;
  keep_alive_timeout_s?: number;
  [key: string]: unknown;
}

export const RayServeHttpOptionsSchema = v.looseObject({
  host: str,
  port: v.optional(v.number()),
  root_path: str,
  request_timeout_s: v.nullish(v.number()),
  keep_alive_timeout_s: v.optional(v.number()),
});

/** Where Serve listens for gRPC. */
export interface RayServeGrpcOptions {
  port?: number;
  grpc_servicer_functions?: string[];
  request_timeout_s?: number | null;
  [key: string]: unknown;
}

export const RayServeGrpcOptionsSchema = v.looseObject({
  port: v.optional(v.number()),
  grpc_servicer_functions: v.optional(v.array(v.string())),
  request_timeout_s: v.nullish(v.number()),
});

/** `GET api/serve/applications/` as Ray sends it (Ray's ServeInstanceDetails; applications keyed by name). */
export interface ServeInstanceDetails {
  /** The Serve controller; `{}` when Serve is not running. */
  controller_info?: RayServeActor;
  /** `Disabled`, `HeadOnly` or `EveryNode`. */
  proxy_location?: string | null;
  http_options?: RayServeHttpOptions | null;
  grpc_options?: RayServeGrpcOptions | null;
  /** The HTTP proxies by node id. */
  proxies?: Record<string, RayServeProxy>;
  /** `MULTI_APP` (deprecated). */
  deploy_mode?: string;
  /** `{}` when Serve is not running. */
  applications: Record<string, RayServeApplicationDetails>;
  /** 0–100. */
  target_capacity?: number | null;
  target_groups?: unknown[];
  [key: string]: unknown;
}

export const ServeInstanceDetailsSchema = v.looseObject({
  controller_info: v.optional(RayServeActorSchema),
  proxy_location: nullableString,
  http_options: v.nullish(RayServeHttpOptionsSchema),
  grpc_options: v.nullish(RayServeGrpcOptionsSchema),
  proxies: v.optional(v.record(v.string(), RayServeProxySchema)),
  deploy_mode: str,
  applications: v.record(v.string(), RayServeApplicationDetailsSchema),
  target_capacity: v.nullish(v.number()),
  target_groups: v.optional(v.array(v.unknown())),
});
