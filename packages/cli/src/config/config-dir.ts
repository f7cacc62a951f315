import { homedir } from 'node:os';
import { join } from 'node:path';

type Environment = Record<string, string | undefined>;

/**
 * The folder the profiles live in: `SYNAPSE_CONFIG_DIR` when set (tests, or a second set of profiles), else
 * `%APPDATA%\synapse` on Windows, else `$XDG_CONFIG_HOME/synapse`, else `~/.config/synapse`.
 */
export function configDir(env: Environment, platform: NodeJS.Platform = process.platform): string {
  if (env.SYNAPSE_CONFIG_DIR) return env.SYNAPSE_CONFIG_DIR;
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'synapse');
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'synapse');
  return join(homedir(), '.config', 'synapse');
}

/** The profile file inside {@link configDir}. */
export const configFile = (dir: string): string => join(dir, 'config.json');
