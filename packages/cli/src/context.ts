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

/**
 * The backend clients of the command's settings; throws a CliError when the URL or token is missing. The client
 * packages are loaded here, not at start, so `--help` and the local commands start quickly.
 */
export async function backendClients(context: CommandContext, command: Command): Promise<BackendClients> {
  const { baseUrl, token, tenant } = backendSettings(await settingsOf(context, command));
  const options = { baseUrl, apiToken: token, ...(tenant === undefined ? {} : { tenant }) };
  const [annotation, data, hitl, integration, ml] = await Promise.all([
    import('@synapse/annotation'),
    import('@synapse/data'),
    import('@synapse/hitl'),
    import('@synapse/integration'),
    import('@synapse/ml'),
  ]);
  return {
    annotation: new annotation.AnnotationClient(options),
    data: new data.DataCollectionClient(options),
    hitl: new hitl.HITLClient(options),
    integration: new integration.IntegrationClient(options),
    ml: new ml.MLClient(options),
  };
}

/** The Ray dashboard client of the command's settings. */
export async function rayClient(context: CommandContext, command: Command): Promise<RayClient> {
  const url = rayUrl(await settingsOf(context, command));
  const { RayClient } = await import('@synapse/ray');
  return new RayClient({ baseUrl: url });
}
