import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { jobEnvironment } from './job-env.js';
import type { JobProgram } from './types.js';

/**
 * Runs the entrypoint with `sh -c` in a minimal environment whose HOME and TMPDIR are a fresh folder under
 * `scratchParent` (removed when the process ends); stdout and stderr go into the log; stop kills its process
 * group.
 */
export function processProgram(
  entrypoint: string,
  envVars: Record<string, string>,
  scratchParent: string,
): JobProgram {
  return {
    start(io) {
      let scratchDir: string;
      try {
        mkdirSync(scratchParent, { recursive: true });
        scratchDir = mkdtempSync(join(scratchParent, 'job-'));
      } catch (error) {
        io.emitText(`${(error as Error).message}\n`);
        io.exit(127);
        return { pid: 0, stop: () => undefined };
      }
      const removeScratch = () =>
        void rm(scratchDir, { recursive: true, force: true }).catch(() => undefined);
      const child = spawn('sh', ['-c', entrypoint], {
        env: jobEnvironment(scratchDir, envVars),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child.stdout.setEncoding('utf8').on('data', (text: string) => io.emitText(text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => io.emitText(text));
      child.on('error', (error) => {
        removeScratch();
        io.emitText(`${error.message}\n`);
        io.exit(127);
      });
      child.on('close', (code, signal) => {
        removeScratch();
        io.exit(code ?? (signal ? 128 + 15 : 1));
      });
      return {
        pid: child.pid ?? 0,
        stop: () => {
          if (child.pid === undefined || child.exitCode !== null) return;
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            child.kill('SIGTERM');
          }
        },
      };
    },
  };
}
