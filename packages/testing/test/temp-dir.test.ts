import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../src/index.js';
import { thrownBy } from './support.js';

const early = useTempDir();
const tooEarly = thrownBy(() => early.path);

let removed: string | undefined;

describe('useTempDir', () => {
  const dir = useTempDir('synapse-testing-check-');
  afterAll(async () => {
    // Runs before useTempDir's afterAll: the folder still exists, with a file in it.
    await writeFile(join(dir.path, 'left-behind.txt'), 'x');
    removed = dir.path;
  });

  it('refuses to hand out a path before beforeAll made the folder', () => {
    expect(tooEarly).toBeInstanceOf(Error);
    expect((tooEarly as Error).message).toMatch(/^useTempDir: no folder yet/);
  });

  it('makes a fresh folder under the temporary one, named with the prefix', () => {
    expect(dirname(dir.path)).toBe(tmpdir());
    expect(basename(dir.path)).toMatch(/^synapse-testing-check-.{6}$/);
    expect(statSync(dir.path).isDirectory()).toBe(true);
    expect(early.path).not.toBe(dir.path);
  });
});

describe('useTempDir: after its describe', () => {
  it('has removed the folder with its contents', () => {
    expect(removed).toBeDefined();
    expect(existsSync(removed as string)).toBe(false);
  });
});
