import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A fresh folder under the system's temporary one for the tests of this file (or of the `describe` it is
 * called in): made in `beforeAll`, removed with its contents in `afterAll`. Read `path` inside tests and hooks.
 */
export function useTempDir(prefix = 'synapse-test-'): { readonly path: string } {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    get path() {
      if (!dir) throw new Error('useTempDir: no folder yet; read it inside a test or hook of the file');
      return dir;
    },
  };
}
