import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built binary the tests run (the `test` script builds it first). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** The environment of a CLI run: this process's, without any SYNAPSE_* setting of the shell, plus `env`. */
export function cliEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('SYNAPSE_') && name !== 'NO_COLOR'),
  );
  const merged: NodeJS.ProcessEnv = { ...base };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

/** What a finished CLI run left. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** Written to standard input, which is then closed. */
  input?: string;
  /** Run as this user (only when the tests run as root). */
  uid?: number;
  gid?: number;
  cwd?: string;
}

/** Starts `node dist/cli.js …args` without waiting for it. */
export function spawnCli(args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: cliEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  child.stdin?.end(options.input ?? '');
  return child;
}

/** Collects a started run's output until it exits. */
export function finished(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `synapse …args` to the end. */
export const runCli = (args: readonly string[], options?: SpawnOptions): Promise<CliRun> =>
  finished(spawnCli(args, options));

/** The JSON lines of an output. */
export const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
