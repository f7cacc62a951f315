import type { Command } from 'commander';
import { configDir } from '../config/config-dir.js';
import { type Profile, readConfig, saveProfile } from '../config/profile-store.js';
import { DEFAULT_PROFILE } from '../config/settings.js';
import { type CommandContext, connectionFlags } from '../context.js';
import { CliError } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** The first line of standard input (the token when piped: `pass show synapse | synapse login --token-stdin`). */
async function firstLine(stdin: CliIo['stdin']): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0]?.trim() ?? '';
}

function checkedUrl(value: string, flag: string): string {
  try {
    new URL(value);
  } catch {
    throw new CliError(`${flag} is not a URL: ${value}`);
  }
  return value;
}

/**
 * `synapse login`: stores a profile. The token comes from `--token-stdin` (standard input), else `--token`, else
 * `SYNAPSE_API_TOKEN`; the first two keep it out of the shell history. Values not given keep the stored ones.
 */
export function registerLogin(program: Command, context: CommandContext): void {
  program
    .command('login')
    .description(
      'store a profile (base URL, token, tenant, Ray URL) in the config folder, readable by you only; the token is read from --token-stdin, --token or SYNAPSE_API_TOKEN and never printed',
    )
    .option('--token-stdin', 'read the token from the first line of standard input')
    .action(async (options: { tokenStdin?: boolean }, command: Command) => {
      const flags = connectionFlags(command);
      const { env } = context.io;
      const dir = configDir(env);
      const name = flags.profile ?? DEFAULT_PROFILE;
      const stored: Profile = (await readConfig(dir)).profiles[name] ?? {};
      const token = options.tokenStdin
        ? await firstLine(context.io.stdin)
        : (flags.token ?? env.SYNAPSE_API_TOKEN);
      const profile: Profile = {
        ...stored,
        ...definedOnly({
          baseUrl: flags.baseUrl ?? env.SYNAPSE_BASE_URL,
          token,
          tenant: flags.tenant ?? env.SYNAPSE_TENANT,
          rayUrl: flags.rayUrl ?? env.SYNAPSE_RAY_URL,
        }),
      };
      if (profile.baseUrl === undefined)
        throw new CliError('synapse login needs --base-url (or SYNAPSE_BASE_URL)');
      if (profile.token === undefined) {
        throw new CliError('synapse login needs a token: --token-stdin, --token or SYNAPSE_API_TOKEN');
      }
      checkedUrl(profile.baseUrl, '--base-url');
      if (profile.rayUrl !== undefined) checkedUrl(profile.rayUrl, '--ray-url');
      const path = await saveProfile(dir, name, profile);
      context.io.stderr.write(`Saved profile "${name}" (${profile.baseUrl}) to ${path}\n`);
    });
}

function definedOnly(profile: Profile): Profile {
  return Object.fromEntries(
    Object.entries(profile).filter(([, value]) => value !== undefined && value.trim() !== ''),
  ) as Profile;
}
