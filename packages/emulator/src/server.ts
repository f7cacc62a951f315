import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { createAgentService } from './agent/index.js';
import { type BackendOptions, createBackendService } from './backend/index.js';
import {
  FaultRegistry,
  type FaultRule,
  faultMiddleware,
  registerFaultControl,
  type ServiceName,
} from './faults/index.js';
import { RayCluster } from './ray/cluster.js';
import { createRayService } from './ray/index.js';
import { rejectUpgrade } from './ray/ws.js';
import { accessMiddleware } from './shared/access-middleware.js';
import { type AccessPolicy, accessPolicy } from './shared/access-policy.js';
import type { EmulatedService, EmulatorTokens, JobTiming, ServiceContext } from './shared/service.js';
import { type EmulatorStats, memoryStats, RequestCounter } from './shared/stats.js';

/** The tokens used when `tokens` is not given. */
export const DEFAULT_TOKENS: EmulatorTokens = {
  accessToken: 'synapse-emulator-access-token',
  readOnlyToken: 'synapse-emulator-read-only-token',
  agentToken: 'synapse-emulator-agent-token',
};

/** How simulated jobs progress unless `jobTiming` says otherwise. */
export const DEFAULT_JOB_TIMING: JobTiming = { pendingMs: 50, runningMs: 300 };

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** Backend port; the agent listens on `port + 1` and Ray on `port + 2`. Default: three ephemeral ports. */
  port?: number;
  /** Per-service ports; each overrides what `port` implies. 0 = ephemeral. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Accepted tokens; missing ones keep their default. */
  tokens?: Partial<EmulatorTokens>;
  /** How simulated jobs progress. Default `{ pendingMs: 50, runningMs: 300 }`. */
  jobTiming?: Partial<JobTiming>;
  /** Run Ray job entrypoints as real local processes. Default false. */
  runEntrypoints?: boolean;
  /** Fault rules active from the start. */
  faults?: FaultRule[];
  /** Create the demo data set (ids from 1). Default true. */
  seed?: boolean;
  /** Folder for uploaded bytes. Default: a fresh temporary folder, removed by `stop()`. A given folder is kept. */
  dataDir?: string;
  /** Milliseconds before an unfinished chunked upload expires (410). Default 24 hours. */
  uploadExpiryMs?: number;
  /** Largest accepted JSON body in bytes (413 above). Default 1 MiB. */
  maxJsonBytes?: number;
  /** Largest accepted upload in bytes. Default 100 GiB. */
  maxUploadBytes?: number;
  /**
   * `Host` names accepted besides loopback ones (`localhost`, `127.x.x.x`, `[::1]`) and `host`, any port.
   * Other hosts get 403, which stops DNS rebinding.
   */
  allowedHosts?: string[];
  /**
   * Browser origins allowed besides loopback ones (`http(s)://localhost`, `127.x.x.x`, `[::1]`, any port), e.g.
   * `https://app.example.com`; they get CORS headers. A request from any other origin gets 403.
   */
  allowedOrigins?: string[];
}

/** The runtime fault API. */
export interface EmulatorFaults {
  /** Adds a rule and returns its id. Throws a TypeError for an invalid rule. */
  add(rule: FaultRule): string;
  /** Removes a rule; false when the id is unknown. */
  remove(id: string): boolean;
  /** Removes every rule. */
  clear(): void;
  /** The active rules, with their ids. */
  list(): ReturnType<FaultRegistry['list']>;
}

/** A running emulator: its services' URLs, tokens, faults, statistics, and `stop`. */
export interface Emulator {
  backendUrl: string;
  agentUrl: string;
  rayUrl: string;
  tokens: EmulatorTokens;
  faults: EmulatorFaults;
  dataDir: string;
  /** Object and request counts, memory and uptime (as `GET /__emulator/stats`). */
  stats(): EmulatorStats;
  /** Closes the servers, open connections, timers and services. Safe to call more than once. */
  stop(): Promise<void>;
}

interface Listening {
  server: Server;
  sockets: Set<Socket>;
}

function wrap(
  service: EmulatedService,
  name: ServiceName,
  faults: FaultRegistry,
  counter: RequestCounter,
): Hono {
  const outer = new Hono();
  outer.use('*', counter.middleware(name));
  outer.use('*', faultMiddleware(faults, name));
  outer.all('*', (c) => service.app.fetch(c.req.raw, c.env));
  return outer;
}

function listen(
  app: Hono,
  service: EmulatedService,
  policy: AccessPolicy,
  port: number,
  host: string,
): Promise<Listening> {
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (request, socket, head) => {
    const refused = policy.refusal(request.headers.host, request.headers.origin);
    if (refused) {
      rejectUpgrade(socket, 403, JSON.stringify({ detail: refused }), 'application/json');
    } else if (!service.upgrade?.(request, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, sockets });
    });
  });
}

function close({ server, sockets }: Listening): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
    for (const socket of sockets) socket.destroy();
  });
}

const urlOf = ({ server }: Listening, host: string): string => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
};

/** Starts the emulated backend, agent and Ray dashboard on loopback ports. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  // The listen address is how the emulator's own URLs name it, so clients given those URLs send it as Host.
  const policy = accessPolicy({
    allowedHosts: [host, ...(options.allowedHosts ?? [])],
    allowedOrigins: options.allowedOrigins,
  });
  const guardedApp = () => new Hono().use('*', accessMiddleware(policy));
  const tokens: EmulatorTokens = { ...DEFAULT_TOKENS, ...options.tokens };
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'synapse-emulator-'));
  await mkdir(dataDir, { recursive: true });
  const urls = { backendUrl: '', agentUrl: '', rayUrl: '' };
  const context = (name: 'backendUrl' | 'agentUrl' | 'rayUrl'): ServiceContext => ({
    tokens,
    jobTiming: { ...DEFAULT_JOB_TIMING, ...options.jobTiming },
    dataDir: join(dataDir, name.replace('Url', '')),
    baseUrl: () => urls[name],
    runEntrypoints: options.runEntrypoints ?? false,
    urls: () => ({ ...urls }),
  });
  const faults = new FaultRegistry();
  for (const rule of options.faults ?? []) faults.add(rule);
  const counter = new RequestCounter();

  const backendOptions: Partial<BackendOptions> = Object.fromEntries(
    Object.entries({
      uploadExpiryMs: options.uploadExpiryMs,
      maxJsonBytes: options.maxJsonBytes,
      maxUploadBytes: options.maxUploadBytes,
      seed: options.seed,
    }).filter(([, value]) => value !== undefined),
  );
  for (const name of ['backend', 'agent', 'ray']) await mkdir(join(dataDir, name), { recursive: true });
  const backend = createBackendService(context('backendUrl'), backendOptions);
  // One Ray cluster behind both: a plugin run through the agent shows up on the Ray dashboard.
  const cluster = new RayCluster(context('rayUrl'));
  const agent = createAgentService(context('agentUrl'), cluster);
  const ray = createRayService(context('rayUrl'), cluster);
  const stats = (): EmulatorStats => ({
    resources: backend.state.counts(),
    requests: counter.snapshot(),
    memory: memoryStats(),
    uptimeMs: Math.round(performance.now() - startedAt),
  });
  const startedAt = performance.now();

  const backendApp = guardedApp();
  registerFaultControl(backendApp, faults, stats);
  backendApp.route('/', wrap(backend, 'backend', faults, counter));

  const basePort = options.port;
  const portFor = (name: ServiceName, offset: number) =>
    options.ports?.[name] ?? (basePort === undefined || basePort === 0 ? 0 : basePort + offset);
  const services = [backend, agent, ray];
  const listening: Listening[] = [];
  try {
    const agentApp = guardedApp().route('/', wrap(agent, 'agent', faults, counter));
    const rayApp = guardedApp().route('/', wrap(ray, 'ray', faults, counter));
    listening.push(await listen(backendApp, backend, policy, portFor('backend', 0), host));
    listening.push(await listen(agentApp, agent, policy, portFor('agent', 1), host));
    listening.push(await listen(rayApp, ray, policy, portFor('ray', 2), host));
  } catch (error) {
    await Promise.all(listening.map(close));
    await Promise.all(services.map((service) => service.close?.()));
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const [backendServer, agentServer, rayServer] = listening as [Listening, Listening, Listening];
  urls.backendUrl = urlOf(backendServer, host);
  urls.agentUrl = urlOf(agentServer, host);
  urls.rayUrl = urlOf(rayServer, host);

  let stopping: Promise<void> | undefined;
  return {
    ...urls,
    tokens,
    dataDir,
    faults: {
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    stats,
    stop() {
      stopping ??= (async () => {
        await Promise.all(services.map((service) => service.close?.().catch(() => undefined)));
        await Promise.all(listening.map(close));
        // Retries: a stopped job process may still be writing into its HOME/TMPDIR under the data folder.
        if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
      })();
      return stopping;
    },
  };
}
