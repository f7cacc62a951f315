import type { CallOptions } from '@synapse/core';
import type { Command } from 'commander';
import { type BackendClients, backendClients, type CommandContext } from '../context.js';
import { CliError } from '../exit-codes.js';
import { printData } from '../io.js';

type Getter = (clients: BackendClients, id: number, call: CallOptions) => Promise<unknown>;

/** `synapse get <resource> <id>`: each resource name and the client method that reads one. */
const GETTERS: Record<string, Getter> = {
  projects: (c, id, call) => c.annotation.getProject(id, call),
  tasks: (c, id, call) => c.annotation.getTask(id, undefined, call),
  'task-tags': (c, id, call) => c.annotation.getTaskTag(id, call),
  'data-collections': (c, id, call) => c.data.getDataCollection(id, call),
  'data-units': (c, id, call) => c.data.getDataUnit(id, undefined, call),
  models: (c, id, call) => c.ml.getModel(id, undefined, call),
  'ground-truth-versions': (c, id, call) => c.ml.getGroundTruthVersion(id, call),
  jobs: (c, id, call) => c.integration.getJob(id, undefined, call),
  plugins: (c, id, call) => c.integration.getPlugin(id, call),
  'plugin-releases': (c, id, call) => c.integration.getPluginRelease(id, undefined, call),
  storages: (c, id, call) => c.integration.getStorage(id, call),
  assignments: (c, id, call) => c.hitl.getAssignment(id, call),
};

/** The resource names `get` knows, for its help. */
export const RESOURCES = Object.keys(GETTERS);

/** A positive integer id from an argument, or a CliError naming it. */
export function positiveId(value: string, what: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw new CliError(`${what} must be a positive integer, got "${value}"`);
  }
  return id;
}

export function registerGet(program: Command, context: CommandContext): void {
  program
    .command('get')
    .description(`print one resource: ${RESOURCES.join(', ')}`)
    .argument('<resource>', 'the kind of resource')
    .argument('<id>', 'its id')
    .option('--json', 'print one JSON line')
    .action(async (resource: string, idText: string, options: { json?: boolean }, command: Command) => {
      const getter = GETTERS[resource];
      if (getter === undefined) {
        throw new CliError(`Unknown resource "${resource}": one of ${RESOURCES.join(', ')}`);
      }
      const id = positiveId(idText, 'id');
      const clients = await backendClients(context, command);
      const value = await getter(clients, id, { signal: context.signal });
      printData(context.io.stdout, value, options.json === true);
    });
}
