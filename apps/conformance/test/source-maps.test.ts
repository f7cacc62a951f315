import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, ROOT } from './support/workspace.js';

interface SourceMap {
  sources: string[];
  sourceRoot?: string;
  file?: string;
}

const isRelative = (path: string) => !isAbsolute(path) && !/^[a-z][a-z0-9+.-]*:/i.test(path);

describe('built source maps name their files relative to the map', () => {
  for (const { dir } of publishedPackages()) {
    it(`${dir}/dist`, () => {
      const dist = join(ROOT, dir, 'dist');
      const maps = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) =>
        name.endsWith('.map'),
      );
      expect(maps.length, 'build first: no .map in dist').toBeGreaterThan(0);
      for (const name of maps) {
        const mapPath = join(dist, name);
        const text = readFileSync(mapPath, 'utf8');
        expect(text, name).not.toContain(ROOT);
        const map = JSON.parse(text) as SourceMap;
        for (const path of [...map.sources, map.sourceRoot ?? '', map.file ?? '']) {
          expect(isRelative(path), `${name}: ${path}`).toBe(true);
        }
        // Relative to the right place: each source is a file of the package.
        for (const source of map.sources) {
          expect(existsSync(join(dirname(mapPath), source)), `${name}: ${source}`).toBe(true);
        }
      }
    });
  }
});
