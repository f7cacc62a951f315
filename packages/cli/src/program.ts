import { Command } from 'commander';
import { registerConfig } from './commands/config.js';
import { registerEmulator } from './commands/emulator.js';
import { registerGet } from './commands/get.js';
import { registerJobs } from './commands/jobs.js';
import { registerLogin } from './commands/login.js';
import { registerPlugins } from './commands/plugins.js';
import { registerRay } from './commands/ray.js';
import { registerTasks } from './commands/tasks.js';
import { registerUpload } from './commands/upload.js';
import type { CommandContext } from './context.js';
import { VERSION } from './version.js';

/**
 * The `synapse` command tree. Errors are not printed or exited on by commander: `runCli` turns them into one line
 * and an exit code. Settings come before and after the subcommand alike (`synapse --profile x get …`).
 */
export function buildProgram(context: CommandContext): Command {
  const program = new Command('synapse')
    .description('The Synapse command line: upload data, read tasks and jobs, run plugins and Ray jobs.')
    .version(VERSION, '-V, --version')
    .option('--profile <name>', 'stored profile to use (default: "default")')
    .option('--base-url <url>', 'backend URL (else SYNAPSE_BASE_URL, else the profile)')
    .option(
      '--token <token>',
      'API token (else SYNAPSE_API_TOKEN, else the profile); prefer those: flags stay in shell history',
    )
    .option('--tenant <tenant>', 'tenant (else SYNAPSE_TENANT, else the profile)')
    .option('--ray-url <url>', 'Ray dashboard URL (else SYNAPSE_RAY_URL, else the profile)')
    .option('--debug', 'print the stack of an error')
    .exitOverride()
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
  for (const register of [
    registerLogin,
    registerConfig,
    registerUpload,
    registerTasks,
    registerGet,
    registerJobs,
    registerPlugins,
    registerRay,
    registerEmulator,
  ]) {
    register(program, context);
  }
  return program;
}
