import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { type BlockModule, isVitestFile } from './compose.js';

const vitest = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs');

export interface BlockRun {
  /** The exit code, or null when the process was killed (see `timedOut`). */
  code: number | null;
  timedOut: boolean;
  /** stdout and stderr, as they came. */
  output: string;
  /** stderr alone: a block that runs as it should writes nothing there. */
  stderr: string;
}

export interface RunOptions {
  /** Where the module is written (inside the repository, so `@synapse/*` resolves). */
  dir: string;
  /** The block's working directory: the files it reads and writes, and (in `tmp/`) its temporary files. */
  cwd: string;
  /** Added to this process's environment, without vitest's own variables. */
  env: Record<string, string>;
  /** The child is killed after this long: a limit for a hung block, not a speed check. */
  limitMs: number;
}

/**
 * Runs a block as a child process: a vitest test file with `vitest run`, any other block with Node after
 * esbuild has stripped its types. Resolves with how it ended and what it printed.
 */
export async function runModule(module: BlockModule, options: RunOptions): Promise<BlockRun> {
  // Downloads of urlConversion and other temporary files stay in the block's folder, removed with it.
  const tmp = join(options.cwd, 'tmp');
  await mkdir(tmp, { recursive: true });
  const env = { ...options.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp };
  const args = isVitestFile(module.block)
    ? [vitest, 'run', '--config', await writeVitestConfig(options.dir), module.fileName]
    : [await writeRunnable(module, options.dir)];
  return spawnNode(args, { ...options, env });
}

/** Why a run counts as broken, or undefined when it ran as a reader expects: exit 0, nothing on stderr. */
export function brokenRun(run: BlockRun): string | undefined {
  if (run.timedOut) return `still running at its limit, killed:\n${run.output}`;
  if (run.code !== 0) return `exit code ${run.code}:\n${run.output}`;
  if (run.stderr !== '') return `wrote to stderr:\n${run.stderr}`;
  return undefined;
}

async function writeRunnable(module: BlockModule, dir: string): Promise<string> {
  const { code } = await transform(module.source, {
    loader: module.block.language,
    format: 'esm',
    target: 'node20',
    sourcefile: module.fileName,
  });
  const path = join(dir, module.fileName.replace(/\.[jt]s$/, '.mjs'));
  await writeFile(path, code);
  return path;
}

/** A config of vitest's defaults, so that the config of the app holding the folder is not used. */
async function writeVitestConfig(dir: string): Promise<string> {
  const path = join(dir, 'vitest.config.mjs');
  await writeFile(
    path,
    `export default { test: { root: ${JSON.stringify(dir)}, include: ['*.test.{ts,js}'] } };\n`,
  );
  return path;
}

/**
 * This process's environment without what would change how a block runs: vitest's own variables, Node options,
 * and the SDK's variables of the developer's shell (a `SYNAPSE_DEBUG` log on stderr, another backend's token),
 * except the transport the vitest project chose.
 */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const sdkSetting = key.startsWith('SYNAPSE_') && key !== 'SYNAPSE_TRANSPORT';
    if (!sdkSetting && !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'TEST')
      env[key] = value;
  }
  return { ...env, ...extra, NO_COLOR: '1' };
}

function spawnNode(args: string[], options: RunOptions): Promise<BlockRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: childEnv(options.env) });
    let output = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stderr += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, output, stderr });
    });
  });
}
