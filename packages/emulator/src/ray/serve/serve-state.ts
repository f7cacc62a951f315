import type { JobTiming } from '../../shared/service.js';
import { HEAD_NODE_ID, HEAD_NODE_IP, WORKER_NODE_ID, WORKER_NODE_IP } from '../state/seed.js';
import type { AppConfig, DeployConfig } from './deploy-config.js';

type Json = Record<string, unknown>;

interface AppEntry {
  config: AppConfig;
  deployedAt: number;
  status: 'DEPLOYING' | 'RUNNING';
  source: 'declarative' | 'imperative';
}

export const SEED_APP_NAME = 'demo_app';

const SEED_APP: AppConfig = {
  name: SEED_APP_NAME,
  route_prefix: '/demo_app',
  import_path: 'demo.app:app',
  deployments: [
    { name: 'Ingress', num_replicas: 1 },
    { name: 'DemoModel', num_replicas: 1, ray_actor_options: { num_gpus: 1 } },
  ],
  raw: { name: SEED_APP_NAME, route_prefix: '/demo_app', import_path: 'demo.app:app' },
};

const NOT_RUNNING = {
  deploy_mode: 'MULTI_APP',
  controller_info: {},
  proxies: {},
  applications: {},
  target_capacity: null,
};

function actorDetails(nodeId: string, actorName: string, pid: number): Json {
  return {
    node_id: nodeId,
    node_ip: nodeId === HEAD_NODE_ID ? HEAD_NODE_IP : WORKER_NODE_IP,
    node_instance_id: '',
    actor_id: `${actorName.length.toString(16).padStart(2, '0')}${'a3'.repeat(11)}01000000`,
    actor_name: actorName,
    worker_id: `${pid.toString(16)}${nodeId.slice(4)}`,
    log_file_path: `/tmp/ray/session_latest/logs/serve/${actorName}.log`,
    pid,
  };
}

/** Serve applications (`/api/serve/applications/`): one seeded app; PUT replaces the set, DELETE shuts down. */
export class ServeState {
  private readonly apps = new Map<string, AppEntry>();
  private running = true;
  private proxyLocation = 'EveryNode';
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly timing: JobTiming,
    bootTime: number,
  ) {
    this.apps.set(SEED_APP_NAME, {
      config: SEED_APP,
      deployedAt: bootTime - 90_000,
      status: 'RUNNING',
      source: 'declarative',
    });
  }

  details(): Json {
    if (!this.running) return { ...NOT_RUNNING };
    const applications: Json = {};
    for (const [name, entry] of this.apps) applications[name] = this.applicationDetails(entry);
    return {
      controller_info: actorDetails(HEAD_NODE_ID, 'SERVE_CONTROLLER_ACTOR', 3210),
      proxy_location: this.proxyLocation,
      http_options: {
        host: '0.0.0.0',
        port: 8000,
        root_path: '',
        request_timeout_s: null,
        keep_alive_timeout_s: 5,
      },
      grpc_options: { port: 9000, grpc_servicer_functions: [], request_timeout_s: null },
      proxies: {
        [HEAD_NODE_ID]: {
          ...actorDetails(HEAD_NODE_ID, `SERVE_PROXY_ACTOR-${HEAD_NODE_ID}`, 3211),
          status: 'HEALTHY',
        },
      },
      deploy_mode: 'MULTI_APP',
      applications,
      target_capacity: null,
    };
  }

  /** Names of the current applications, in deployment order. */
  names(): string[] {
    return this.running ? [...this.apps.keys()] : [];
  }

  application(name: string): Json | undefined {
    const entry = this.running ? this.apps.get(name) : undefined;
    return entry && this.applicationDetails(entry);
  }

  deploy(config: DeployConfig): void {
    this.running = true;
    this.proxyLocation = config.proxyLocation;
    const next = new Set(config.applications.map((app) => app.name));
    for (const name of this.apps.keys()) if (!next.has(name)) this.apps.delete(name);
    for (const app of config.applications) {
      const current = this.apps.get(app.name);
      if (current && JSON.stringify(current.config.raw) === JSON.stringify(app.raw)) continue;
      const entry: AppEntry = {
        config: app,
        deployedAt: Date.now(),
        status: 'DEPLOYING',
        source: 'declarative',
      };
      this.apps.set(app.name, entry);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        entry.status = 'RUNNING';
      }, this.timing.pendingMs + this.timing.runningMs);
      this.timers.add(timer);
    }
  }

  /** Deletes one application (an agent feature; Ray itself only replaces the whole set). */
  deleteApplication(name: string): boolean {
    return this.running && this.apps.delete(name);
  }

  shutdown(): void {
    this.running = false;
    this.apps.clear();
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private applicationDetails(entry: AppEntry): Json {
    const { config } = entry;
    const fallbackName = config.import_path.split(/[:.]/).pop() ?? 'app';
    const deployments = config.deployments.length > 0 ? config.deployments : [{ name: fallbackName }];
    const healthy = entry.status === 'RUNNING';
    const details: Json = {};
    deployments.forEach((deployment, index) => {
      const replicas = typeof deployment.num_replicas === 'number' ? deployment.num_replicas : 1;
      const nodeId = index === 0 ? HEAD_NODE_ID : WORKER_NODE_ID;
      details[deployment.name] = {
        name: deployment.name,
        status: healthy ? 'HEALTHY' : 'UPDATING',
        status_trigger: healthy ? 'CONFIG_UPDATE_COMPLETED' : 'CONFIG_UPDATE_STARTED',
        message: '',
        deployment_config: {
          num_replicas: replicas,
          max_ongoing_requests: 5,
          user_config: null,
          ...deployment,
        },
        target_num_replicas: replicas,
        required_resources: { CPU: 1 },
        replicas: healthy
          ? Array.from({ length: replicas }, (_, i) => ({
              ...actorDetails(
                nodeId,
                `SERVE_REPLICA::${config.name}#${deployment.name}#r${i}`,
                5100 + index * 10 + i,
              ),
              replica_id: `r${i}`,
              state: 'RUNNING',
              start_time_s: entry.deployedAt / 1000,
            }))
          : [],
      };
    });
    return {
      name: config.name,
      route_prefix: config.route_prefix,
      docs_path: null,
      status: entry.status,
      message: healthy ? '' : 'Deploying app. Waiting for deployments to become healthy.',
      last_deployed_time_s: entry.deployedAt / 1000,
      deployed_app_config: config.raw,
      source: entry.source,
      deployments: details,
    };
  }
}
