import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';

/**
 * One of the three emulated services (backend, agent, Ray dashboard). `server.ts` serves each on its own
 * loopback port: it puts the fault middleware in front of `app` and routes HTTP upgrades to `upgrade`.
 */
export interface EmulatedService {
  app: Hono;
  /** Handles a WebSocket upgrade; returns false when the path is not one of this service's. */
  upgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
  /** Stops timers and closes open sockets. */
  close?: () => Promise<void>;
}

/** Tokens the emulator accepts. */
export interface EmulatorTokens {
  /** Backend `Synapse-Access-Token: Token <v>` with full access. */
  accessToken: string;
  /** Backend token that may read but gets 403 on writes. */
  readOnlyToken: string;
  /** Agent token: raw in the agent's `Authorization` header; also accepted as backend `SYNAPSE-Agent`. */
  agentToken: string;
}

/** How simulated jobs (backend plugin jobs, Ray jobs) progress. */
export interface JobTiming {
  /** Milliseconds a job stays pending before running. Default 50. */
  pendingMs: number;
  /** Milliseconds a job runs before reaching its terminal status. Default 300. */
  runningMs: number;
}

/** What every service factory receives. */
export interface ServiceContext {
  tokens: EmulatorTokens;
  jobTiming: JobTiming;
  /** Folder for uploaded bytes (created and removed by server.ts). */
  dataDir: string;
  /** Absolute base URL of this service once listening, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  baseUrl: () => string;
  /** Run Ray job entrypoints as real local processes instead of simulating them. Default false. */
  runEntrypoints: boolean;
  /** Absolute base URLs of the sibling services (the agent proxies the Ray dashboard, for instance). */
  urls: () => { backendUrl: string; agentUrl: string; rayUrl: string };
}
