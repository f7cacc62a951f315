import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoRun, runDemo } from './run-demo.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const WORKFLOWS_DIR = fileURLToPath(new URL('../src/workflows/', import.meta.url));

let run: DemoRun;
beforeAll(async () => {
  run = await runDemo();
}, 180_000);

/** The `path  what it shows` lines after "Read next". */
function readNextLines(stdout: string): Array<{ path: string; shows: string }> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Read next'));
  expect(start, 'a "Read next" heading').toBeGreaterThan(-1);
  return lines
    .slice(start + 1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, path = '', shows = ''] = /^ {2}(\S+) +(.+)$/.exec(line) ?? [];
      return { path, shows };
    });
}

describe('the closing list of workflow files', () => {
  it('comes after the summary, as the last lines of the output', () => {
    expect(run.code).toBe(0);
    const summary = run.stdout.indexOf('All 5 workflows succeeded');
    expect(summary).toBeGreaterThan(-1);
    expect(run.stdout.indexOf('Read next')).toBeGreaterThan(summary);
  });

  it('names files that exist, each with one line on what it shows', () => {
    const entries = readNextLines(run.stdout);
    expect(entries.length).toBeGreaterThan(0);
    for (const { path, shows } of entries) {
      expect(path).toMatch(/^apps\/demo\/src\/workflows\/\w[\w-]*\.ts$/);
      expect(existsSync(`${REPOSITORY}${path}`), path).toBe(true);
      expect(shows.length, path).toBeGreaterThan(20);
    }
  });

  it('names every file of the workflows folder but index.ts', () => {
    const listed = readNextLines(run.stdout).map(({ path }) => path.split('/').at(-1));
    const files = readdirSync(WORKFLOWS_DIR).filter((name) => name !== 'index.ts');
    expect([...listed].sort()).toEqual([...files].sort());
  });
});
