import type { Command } from 'commander';
import { backendClients, type CommandContext } from '../context.js';
import { writeJsonLine } from '../io.js';
import { positiveId } from './get.js';

/** `synapse tasks list`: streams every task of a project page by page (at most `--limit`). */
export function registerTasks(program: Command, context: CommandContext): void {
  const tasks = program.command('tasks').description('tasks of a project');
  tasks
    .command('list')
    .description('list the tasks of a project, streamed page by page')
    .requiredOption('--project <id>', 'project id')
    .option('--limit <n>', 'stop after this many tasks')
    .option('--status <status>', 'only tasks with this status')
    .option('--json', 'print one JSON line per task')
    .action(
      async (
        options: { project: string; limit?: string; status?: string; json?: boolean },
        command: Command,
      ) => {
        const project = positiveId(options.project, '--project');
        const limit =
          options.limit === undefined ? Number.POSITIVE_INFINITY : positiveId(options.limit, '--limit');
        const annotation = await (await backendClients(context, command))('annotation');
        const params = { project, ...(options.status === undefined ? {} : { status: options.status }) };
        const all = await annotation.listTasks(params, { listAll: true, signal: context.signal });
        let printed = 0;
        for await (const task of all) {
          if (printed >= limit) break;
          printed += 1;
          if (options.json) writeJsonLine(context.io.stdout, task);
          else
            context.io.stdout.write(
              `${task.id}\t${String(task.status ?? '')}\t${String(task.data_unit ?? '')}\n`,
            );
        }
      },
    );
}
