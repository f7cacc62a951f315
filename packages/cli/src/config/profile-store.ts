import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../exit-codes.js';
import { configFile } from './config-dir.js';

/** What `synapse login` keeps for one profile. */
export interface Profile {
  baseUrl?: string;
  token?: string;
  tenant?: string;
  rayUrl?: string;
}

/** The profile file: `{ "profiles": { "<name>": Profile } }`. */
export interface ConfigFile {
  profiles: Record<string, Profile>;
}

const PROFILE_KEYS = ['baseUrl', 'token', 'tenant', 'rayUrl'] as const;

function checkedProfile(name: string, value: unknown, path: string): Profile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${path}: profile "${name}" is not an object`);
  }
  const profile: Profile = {};
  for (const key of PROFILE_KEYS) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') throw new CliError(`${path}: profile "${name}" has a non-string ${key}`);
    profile[key] = field;
  }
  return profile;
}

/** Reads the profile file; a missing file is no profiles, a broken one a CliError naming it. */
export async function readConfig(dir: string): Promise<ConfigFile> {
  const path = configFile(dir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON: fix or delete it, then run synapse login again`);
  }
  const profiles = (parsed as { profiles?: unknown } | null)?.profiles ?? {};
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) {
    throw new CliError(`${path}: "profiles" is not an object`);
  }
  return {
    profiles: Object.fromEntries(
      Object.entries(profiles).map(([name, value]) => [name, checkedProfile(name, value, path)]),
    ),
  };
}

/**
 * Stores one profile, keeping the others. The folder is made (or narrowed to) 0700 and the file written 0600
 * through a temporary file and a rename, so a crash never leaves half a file and no other user can read a token.
 */
export async function saveProfile(dir: string, name: string, profile: Profile): Promise<string> {
  const current = await readConfig(dir);
  const next: ConfigFile = { profiles: { ...current.profiles, [name]: profile } };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const path = configFile(dir);
  const temporary = join(dir, `.config.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
  return path;
}
