import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockApi } from '@synapse/testing';
import { DataCollectionClient } from '../src/index.js';

export const BASE = 'https://synapse.test';
export const TOKEN = 'data-test-token';
export const AUTH = { 'synapse-access-token': `Token ${TOKEN}` };

export function setup() {
  const api = new MockApi(BASE);
  const client = new DataCollectionClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries: 0 });
  return { api, client };
}

export const md5 = (bytes: string | Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** A temporary folder for one test file's fixtures. */
export async function tempDir(): Promise<{
  dir: string;
  file: (name: string, content: string) => Promise<string>;
  remove: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'synapse-data-test-'));
  return {
    dir,
    file: async (name, content) => {
      const target = join(dir, name);
      await mkdir(dir, { recursive: true });
      await writeFile(target, content);
      return target;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
