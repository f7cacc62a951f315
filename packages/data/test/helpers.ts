import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backendAuth, MOCK_BASE_URL, mockClient, useTempDir } from '@synapse/testing';
import { DataCollectionClient } from '../src/index.js';

export const BASE = MOCK_BASE_URL;
export const TOKEN = 'data-test-token';
export const AUTH = backendAuth(TOKEN);

export const setup = () => mockClient(DataCollectionClient, { apiToken: TOKEN });

export const md5 = (bytes: string | Uint8Array) => createHash('md5').update(bytes).digest('hex');

/**
 * A temporary folder for one test file's fixtures, made before its tests and removed after them (`useTempDir`).
 * Read `dir` and call `file` inside tests and hooks.
 */
export function useFixtures(): {
  readonly dir: string;
  file: (name: string, content: string) => Promise<string>;
} {
  const folder = useTempDir('synapse-data-test-');
  return {
    get dir() {
      return folder.path;
    },
    file: async (name, content) => {
      const target = join(folder.path, name);
      await mkdir(folder.path, { recursive: true });
      await writeFile(target, content);
      return target;
    },
  };
}
