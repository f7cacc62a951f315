import type { Command } from 'commander';
import { type CommandContext, rayClient } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { printData, writeJsonLine } from '../io.js';
import { jsonObjectFlag } from './plugins.js';

function positiveSeconds(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new CliError(`${flag} must be a positive number of seconds`);
  return value;
}

/** `synapse ray jobs submit|logs|wait` against the Ray dashboard (`--ray-url`, `SYNAPSE_RAY_URL` or the profile). */
export function registerRay(program: Command, context: CommandContext): void {
  const jobs = program
    .command('ray')
    .description('the Ray dashboard')
    .command('jobs')
    .description('Ray jobs');

  jobs
    .command('submit')
    .description('submit a job: synapse ray jobs submit [options] -- <entrypoint…>; prints its submission id')
    .argument('<entrypoint...>', 'the command to run, after --')
    .option('--submission-id <id>', 'choose the submission id')
    .option('--runtime-env <json>', 'the runtime environment, a JSON object')
    .option('--json', 'print {"submission_id"} as one JSON line')
    .action(
      async (
        entrypoint: string[],
        options: { submissionId?: string; runtimeEnv?: string; json?: boolean },
        command: Command,
      ) => {
        const runtimeEnv =
          options.runtimeEnv === undefined ? undefined : jsonObjectFlag(options.runtimeEnv, '--runtime-env');
        const ray = await rayClient(context, command);
        const id = await ray.submitJob(
          {
            entrypoint: entrypoint.join(' '),
            ...(options.submissionId === undefined ? {} : { submissionId: options.submissionId }),
            ...(runtimeEnv === undefined ? {} : { runtimeEnv }),
          },
          { signal: context.signal },
        );
        if (options.json) writeJsonLine(context.io.stdout, { submission_id: id });
        else context.io.stdout.write(`${id}\n`);
      },
    );

  jobs
    .command('logs')
    .description("print a job's logs; --follow streams them until the job ends")
    .argument('<id>', 'submission id')
    .option('-f, --follow', 'stream new lines until the job ends')
    .action(async (id: string, options: { follow?: boolean }, command: Command) => {
      const ray = await rayClient(context, command);
      if (options.follow) {
        for await (const line of ray.tailJobLogs(id, { signal: context.signal })) {
          context.io.stdout.write(`${line}\n`);
        }
        return;
      }
      context.io.stdout.write(await ray.getJobLogs(id, { signal: context.signal }));
    });

  jobs
    .command('wait')
    .description('wait until a job ends; prints its status, exit 0 only when it SUCCEEDED')
    .argument('<id>', 'submission id')
    .option('--timeout <seconds>', 'give up after this long (exit 4)', '600')
    .option('--json', "print the job's details as one JSON line")
    .action(async (id: string, options: { timeout: string; json?: boolean }, command: Command) => {
      const waitTimeout = positiveSeconds(options.timeout, '--timeout');
      const ray = await rayClient(context, command);
      const job = await ray.waitForJob(id, { waitTimeout, pollInterval: 0.5, signal: context.signal });
      if (options.json) printData(context.io.stdout, job, true);
      else context.io.stdout.write(`${job.status}\n`);
      if (job.status !== 'SUCCEEDED') context.exitCode = ExitCode.failed;
    });
}
