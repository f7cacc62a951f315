import type { Command } from 'commander';
import { configFile } from '../config/config-dir.js';
import { type CommandContext, settingsOf } from '../context.js';
import { printData } from '../io.js';

/** `synapse config show`: the settings in force and where each came from; the token only as set or not. */
export function registerConfig(program: Command, context: CommandContext): void {
  const config = program.command('config').description('show the settings in force');
  config
    .command('show')
    .description(
      'print the settings in force and their sources (flag, env, profile); the token is never shown',
    )
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      const settings = await settingsOf(context, command);
      const { sources } = settings;
      const shown = {
        profile: settings.profile,
        configFile: configFile(settings.configDir),
        baseUrl: settings.baseUrl ?? null,
        token: settings.token === undefined ? null : '<redacted>',
        tenant: settings.tenant ?? null,
        rayUrl: settings.rayUrl ?? null,
        sources,
      };
      printData(context.io.stdout, shown, options.json === true);
    });
}
