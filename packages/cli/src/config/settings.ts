import { CliError } from '../exit-codes.js';
import { configDir } from './config-dir.js';
import { type Profile, readConfig } from './profile-store.js';

type Environment = Record<string, string | undefined>;

/** The connection flags every command takes (global options). */
export interface ConnectionFlags {
  profile?: string;
  baseUrl?: string;
  token?: string;
  tenant?: string;
  rayUrl?: string;
}

/** Where a setting came from. */
export type SettingSource = 'flag' | 'env' | 'profile';

/** The settings a command connects with, each with its source. */
export interface Settings {
  profile: string;
  configDir: string;
  baseUrl?: string;
  token?: string;
  tenant?: string;
  rayUrl?: string;
  sources: Partial<Record<keyof Profile, SettingSource>>;
}

const ENV_NAMES: Record<keyof Profile, string> = {
  baseUrl: 'SYNAPSE_BASE_URL',
  token: 'SYNAPSE_API_TOKEN',
  tenant: 'SYNAPSE_TENANT',
  rayUrl: 'SYNAPSE_RAY_URL',
};

/** The default profile's name. */
export const DEFAULT_PROFILE = 'default';

/**
 * Settings by precedence: flags, then the environment (`SYNAPSE_BASE_URL`, `SYNAPSE_API_TOKEN`, `SYNAPSE_TENANT`,
 * `SYNAPSE_RAY_URL`, as the demo reads them), then the profile (`--profile`, else `default`). Empty values count as
 * unset. A `--profile` that names no stored profile is a usage error; a missing `default` is simply empty.
 */
export async function resolveSettings(flags: ConnectionFlags, env: Environment): Promise<Settings> {
  const dir = configDir(env);
  const name = flags.profile ?? DEFAULT_PROFILE;
  const { profiles } = await readConfig(dir);
  const profile = profiles[name];
  if (profile === undefined && flags.profile !== undefined) {
    const known = Object.keys(profiles);
    throw new CliError(
      `No profile "${name}" in ${dir} (${known.length > 0 ? `known: ${known.join(', ')}` : 'none stored yet'}); run synapse login --profile ${name}`,
    );
  }
  const settings: Settings = { profile: name, configDir: dir, sources: {} };
  for (const key of Object.keys(ENV_NAMES) as (keyof Profile)[]) {
    const candidates: [SettingSource, string | undefined][] = [
      ['flag', flags[key]],
      ['env', env[ENV_NAMES[key]]],
      ['profile', profile?.[key]],
    ];
    const found = candidates.find(([, value]) => value !== undefined && value.trim() !== '');
    if (found === undefined) continue;
    settings[key] = found[1]?.trim();
    settings.sources[key] = found[0];
  }
  return settings;
}

/** The backend settings a command needs, or a CliError saying how to give them. */
export function backendSettings(settings: Settings): { baseUrl: string; token: string; tenant?: string } {
  if (settings.baseUrl === undefined) {
    throw new CliError('No backend URL: pass --base-url, set SYNAPSE_BASE_URL or run synapse login');
  }
  if (settings.token === undefined) {
    throw new CliError('No API token: set SYNAPSE_API_TOKEN, pass --token or run synapse login');
  }
  return { baseUrl: settings.baseUrl, token: settings.token, tenant: settings.tenant };
}

/** The Ray dashboard URL, or a CliError saying how to give it. */
export function rayUrl(settings: Settings): string {
  if (settings.rayUrl === undefined) {
    throw new CliError(
      'No Ray dashboard URL: pass --ray-url, set SYNAPSE_RAY_URL or store one with synapse login --ray-url',
    );
  }
  return settings.rayUrl;
}
