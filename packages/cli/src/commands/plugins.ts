import type { Command } from 'commander';
import { backendClients, type CommandContext } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { printData } from '../io.js';
import { positiveId } from './get.js';

/** A JSON object from a flag, or a CliError naming the flag. */
export function jsonObjectFlag(text: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`${flag} is not valid JSON: ${text}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${flag} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * `synapse plugins run <plugin> --action A [--params JSON] [--follow]`: `runPlugin`, then with `--follow` the
 * job's log until it ends (exit 1 when the job did not succeed).
 */
export function registerPlugins(program: Command, context: CommandContext): void {
  const plugins = program.command('plugins').description('plugins on the backend');
  plugins
    .command('run')
    .description('run a plugin action; prints the reply (with job_id when a job started)')
    .argument('<plugin>', 'plugin id')
    .requiredOption('--action <name>', 'the action to run, e.g. train')
    .option('--params <json>', 'the action parameters, a JSON object', '{}')
    .option('-f, --follow', "stream the job's log until it ends; exit 1 if it did not succeed")
    .option('--json', 'print JSON lines')
    .action(
      async (
        pluginText: string,
        options: { action: string; params: string; follow?: boolean; json?: boolean },
        command: Command,
      ) => {
        const plugin = positiveId(pluginText, 'plugin id');
        const params = jsonObjectFlag(options.params, '--params');
        const integration = await (await backendClients(context, command))('integration');
        const call = { signal: context.signal };
        const reply = await integration.runPlugin(plugin, { action: options.action, params }, call);
        const json = options.json === true;
        printData(context.io.stdout, reply, json);
        if (!options.follow || reply.job_id === undefined) return;
        for await (const line of integration.tailJobConsoleLogs(reply.job_id, call)) {
          context.io.stderr.write(`${line}\n`);
        }
        const job = await integration.getJob(reply.job_id, undefined, call);
        if (json) printData(context.io.stdout, { job_id: job.id, status: job.status }, true);
        else context.io.stdout.write(`job ${job.id} ${String(job.status)}\n`);
        if (job.status !== 'succeeded') context.exitCode = ExitCode.failed;
      },
    );
}
