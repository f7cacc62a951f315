import type { Command } from 'commander';
import { backendClients, type CommandContext } from '../context.js';
import { writeJsonLine } from '../io.js';
import { positiveId } from './get.js';

/** `synapse jobs logs <id> [--follow]`: a job's console log, or its live tail until the job ends. */
export function registerJobs(program: Command, context: CommandContext): void {
  const jobs = program.command('jobs').description('plugin jobs on the backend');
  jobs
    .command('logs')
    .description("print a job's console log; --follow streams it until the job ends")
    .argument('<id>', 'job id')
    .option('-f, --follow', 'stream new lines until the job ends')
    .option('--json', 'print one JSON line per log entry')
    .action(async (idText: string, options: { follow?: boolean; json?: boolean }, command: Command) => {
      const id = positiveId(idText, 'job id');
      const integration = await (await backendClients(context, command))('integration');
      const { stdout } = context.io;
      if (options.follow) {
        for await (const line of integration.tailJobConsoleLogs(id, { signal: context.signal })) {
          if (options.json) writeJsonLine(stdout, { message: line });
          else stdout.write(`${line}\n`);
        }
        return;
      }
      for (const entry of await integration.listJobConsoleLogs(id, { signal: context.signal })) {
        if (options.json) writeJsonLine(stdout, entry);
        else
          stdout.write(
            `${[entry.time, entry.level, entry.message].filter((part) => part !== undefined).join(' ')}\n`,
          );
      }
    });
}
