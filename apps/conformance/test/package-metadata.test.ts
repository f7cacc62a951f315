import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, ROOT, workspacePackages } from './support/workspace.js';

const REPOSITORY = 'https://github.com/synapse-sdk/synapse-sdk-ts';

describe('package metadata', () => {
  it('finds the root, the published packages and the apps', () => {
    const dirs = workspacePackages().map((pkg) => pkg.dir);
    expect(dirs).toEqual(expect.arrayContaining(['.', 'packages/core', 'packages/sdk', 'apps/conformance']));
    expect(publishedPackages().map((pkg) => pkg.dir)).not.toContain('packages/testing');
  });

  for (const { dir, manifest } of workspacePackages()) {
    const root = dir === '.';
    it(`${dir}: repository, homepage and bugs point at this repository and folder`, () => {
      expect(manifest.repository).toEqual({
        type: 'git',
        url: `git+${REPOSITORY}.git`,
        ...(root ? {} : { directory: dir }),
      });
      expect(manifest.homepage).toBe(root ? `${REPOSITORY}#readme` : `${REPOSITORY}/tree/main/${dir}#readme`);
      expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    });

    it(`${dir}: keywords are a non-empty list of words`, () => {
      expect(Array.isArray(manifest.keywords)).toBe(true);
      const keywords = manifest.keywords as unknown[];
      expect(keywords.length).toBeGreaterThan(0);
      for (const keyword of keywords) expect(keyword).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    });
  }
});

describe('license', () => {
  const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');

  it('the root LICENSE is the MIT license of the Synapse SDK authors', () => {
    expect(license).toMatch(/^MIT License\n/);
    expect(license).toContain('Copyright (c) 2026 The Synapse SDK authors');
  });

  // npm packs a LICENSE found beside package.json; each package keeps a copy of the root one.
  for (const { dir, manifest } of publishedPackages()) {
    it(`${dir}: says MIT and carries the root LICENSE`, () => {
      expect(manifest.license).toBe('MIT');
      expect(readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8')).toBe(license);
    });
  }
});
