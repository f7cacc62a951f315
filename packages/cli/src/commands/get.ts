import type { CallOptions } from '@synapse/core';
import type { Command } from 'commander';
import { backendClients, type ClientLoader, type CommandContext } from '../context.js';
import { CliError } from '../exit-codes.js';
import { printData } from '../io.js';

type Getter = (load: ClientLoader, id: number, call: CallOptions) => Promise<unknown>;

/** `synapse get <resource> <id>`: each resource name and the client method that reads one. */
const GETTERS: Record<string, Getter> = {
  projects: async (load, id, call) => (await load('annotation')).getProject(id, call),
  tasks: async (load, id, call) => (await load('annotation')).getTask(id, undefined, call),
  'task-tags': async (load, id, call) => (await load('annotation')).getTaskTag(id, call),
  'data-collections': async (load, id, call) => (await load('data')).getDataCollection(id, call),
  'data-units': async (load, id, call) => (await load('data')).getDataUnit(id, undefined, call),
  models: async (load, id, call) => (await load('ml')).getModel(id, undefined, call),
  'ground-truth-versions': async (load, id, call) => (await load('ml')).getGroundTruthVersion(id, call),
  jobs: async (load, id, call) => (await load('integration')).getJob(id, undefined, call),
  plugins: async (load, id, call) => (await load('integration')).getPlugin(id, call),
  'plugin-releases': async (load, id, call) =>
    (await load('integration')).getPluginRelease(id, undefined, call),
  storages: async (load, id, call) => (await load('integration')).getStorage(id, call),
  assignments: async (load, id, call) => (await load('hitl')).getAssignment(id, call),
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
      const load = await backendClients(context, command);
      const value = await getter(load, id, { signal: context.signal });
      printData(context.io.stdout, value, options.json === true);
    });
}
