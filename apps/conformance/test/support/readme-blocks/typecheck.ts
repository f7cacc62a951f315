import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../workspace.js';
import type { BlockModule } from './compose.js';

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): (error TS\d+: .*)$/;

/**
 * Type-checks every module in `dir` (inside the repository, so `@synapse/*` resolves to the workspace packages'
 * built types) with one `tsc` under the repository's strict settings. Returns each module's errors, keyed by its
 * file name, each as `<README>:<line>: error TS…: …`.
 */
export async function typeCheck(dir: string, modules: BlockModule[]): Promise<Map<string, string[]>> {
  const config = {
    extends: relative(dir, join(ROOT, 'tsconfig.base.json')).replaceAll('\\', '/'),
    compilerOptions: { noEmit: true, allowJs: true, checkJs: true },
    files: modules.map((module) => module.fileName),
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const output = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; code?: number }) => {
      if (error.code !== 2 || !error.stdout) throw error;
      return error.stdout;
    },
  );
  return diagnosticsByModule(output, modules);
}

function diagnosticsByModule(output: string, modules: BlockModule[]): Map<string, string[]> {
  const byName = new Map(modules.map((module) => [module.fileName, module]));
  const errors = new Map<string, string[]>(modules.map((module) => [module.fileName, []]));
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const match = DIAGNOSTIC.exec(line);
    if (match) {
      const [, path = '', moduleLine = '', , message = ''] = match;
      const name = path.split(/[\\/]/).pop() ?? path;
      const module = byName.get(name);
      current = errors.get(name) ?? errors.set(name, []).get(name);
      current?.push(`${module ? module.readmeLine(Number(moduleLine)) : path}: ${message}`);
    } else if (line.startsWith(' ') && current) {
      current.push(line);
    } else if (line.trim() !== '') {
      throw new Error(`tsc said something that is not about a block:\n${output}`);
    }
  }
  return errors;
}
