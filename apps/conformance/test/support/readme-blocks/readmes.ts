import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../workspace.js';
import { type ExtractedReadme, extractBlocks } from './extract.js';

/** The root README and those of `packages/*` and `apps/*`, relative to the root. */
export function readmeFiles(): string[] {
  const nested = ['packages', 'apps'].flatMap((parent) =>
    readdirSync(join(ROOT, parent))
      .sort()
      .map((name) => `${parent}/${name}/README.md`)
      .filter((file) => existsSync(join(ROOT, file))),
  );
  return ['README.md', ...nested];
}

/** The blocks and directive problems of every README. */
export function extractReadmes(files: string[]): ExtractedReadme {
  const extracted = files.map((file) => extractBlocks(file, readFileSync(join(ROOT, file), 'utf8')));
  return {
    blocks: extracted.flatMap((readme) => readme.blocks),
    problems: extracted.flatMap((readme) => readme.problems),
  };
}
