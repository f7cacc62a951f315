// Starts the emulator CLI in a process of its own and reads its one JSON line.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@synapse/emulator/package.json')), 'dist', 'cli.js');

export async function spawnEmulator() {
  const child = spawn(process.execPath, [cli, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    lines.once('line', resolve);
  });
  const info = JSON.parse(first);
  const stats = async () => (await fetch(`${info.backendUrl}/__emulator/stats`)).json();
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { ...info, pid: child.pid, stats, stop };
}

export const MiB = 1024 * 1024;
export const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;
