import type { AnnotationClient } from '@synapse/annotation';
import type { DataCollectionClient } from '@synapse/data';
import type { HITLClient } from '@synapse/hitl';
import type { IntegrationClient } from '@synapse/integration';
import type { MLClient } from '@synapse/ml';
import type { RayClient } from '@synapse/ray';
import type { Command } from 'commander';
import {
  backendSettings,
  type ConnectionFlags,
  rayUrl,
  resolveSettings,
  type Settings,
} from './config/settings.js';
import type { ExitCodeValue } from './exit-codes.js';
import type { CliIo } from './io.js';

/** The backend clients a command may use, all on the same settings. */
export interface BackendClients {
  annotation: AnnotationClient;
  data: DataCollectionClient;
  hitl: HITLClient;
  integration: IntegrationClient;
  ml: MLClient;
}

/** What every command runs with. */
export interface CommandContext {
  io: CliIo;
  /** Aborted on Ctrl-C (SIGINT): commands pass it to every call so they stop cleanly. */
  signal: AbortSignal;
  /** The exit code a command sets when it finished but not wholly well (e.g. an upload with failed records). */
  exitCode?: ExitCodeValue;
}

/** The connection flags of a command (global options included). */
export const connectionFlags = (command: Command): ConnectionFlags =>
  command.optsWithGlobals() as ConnectionFlags;

/** Settings by flag, environment and profile (see `resolveSettings`). */
export const settingsOf = (context: CommandContext, command: Command): Promise<Settings> =>
  resolveSettings(connectionFlags(command), context.io.env);

type ClientOptions = { baseUrl: string; apiToken: string; tenant?: string };

const CLIENT_FACTORIES: {
  [K in keyof BackendClients]: (options: ClientOptions) => Promise<BackendClients[K]>;
} = {
  annotation: async (options) => new (await import('@synapse/annotation')).AnnotationClient(options),
  data: async (options) => new (await import('@synapse/data')).DataCollectionClient(options),
  hitl: async (options) => new (await import('@synapse/hitl')).HITLClient(options),
  integration: async (options) => new (await import('@synapse/integration')).IntegrationClient(options),
  ml: async (options) => new (await import('@synapse/ml')).MLClient(options),
};

/** Builds one backend client on demand. */
export type ClientLoader = <K extends keyof BackendClients>(kind: K) => Promise<BackendClients[K]>;

/**
 * A loader of the backend clients of the command's settings; throws a CliError when the URL or token is missing.
 * Each client's package is loaded when first asked for, not at start: `--help` starts quickly and an upload
 * holds only `@synapse/data` in memory.
 */
export async function backendClients(context: CommandContext, command: Command): Promise<ClientLoader> {
  const { baseUrl, token, tenant } = backendSettings(await settingsOf(context, command));
  const options: ClientOptions = { baseUrl, apiToken: token, ...(tenant === undefined ? {} : { tenant }) };
  return (kind) => CLIENT_FACTORIES[kind](options);
}

/** The Ray dashboard client of the command's settings. */
export async function rayClient(context: CommandContext, command: Command): Promise<RayClient> {
  const url = rayUrl(await settingsOf(context, command));
  const { RayClient } = await import('@synapse/ray');
  return new RayClient({ baseUrl: url });
}
