import { join } from 'node:path';
import { useEmulator, useTempDir } from '@synapse/testing';

/**
 * An emulator for this file's tests (started in the test process; the CLI runs as a child) and the
 * environment that points the CLI at it, with a config folder of its own so no real profile is read.
 */
export function useCliEmulator() {
  const handle = useEmulator();
  const temp = useTempDir('synapse-cli-test-');
  return {
    get emulator() {
      return handle.emulator;
    },
    get dir() {
      return temp.path;
    },
    /** SYNAPSE_BASE_URL, SYNAPSE_API_TOKEN, SYNAPSE_RAY_URL of the emulator and an empty config folder. */
    env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
      const { backendUrl, rayUrl, tokens } = handle.emulator;
      return {
        SYNAPSE_BASE_URL: backendUrl,
        SYNAPSE_API_TOKEN: tokens.accessToken,
        SYNAPSE_RAY_URL: rayUrl,
        SYNAPSE_CONFIG_DIR: join(temp.path, 'config'),
        ...extra,
      };
    },
    /** A GET on the emulator's backend with the access token, parsed. */
    async get(path: string): Promise<unknown> {
      const { backendUrl, tokens } = handle.emulator;
      const reply = await fetch(`${backendUrl}/${path}`, {
        headers: { 'Synapse-Access-Token': `Token ${tokens.accessToken}` },
      });
      if (!reply.ok) throw new Error(`GET ${path}: ${reply.status}`);
      return reply.json();
    },
  };
}
