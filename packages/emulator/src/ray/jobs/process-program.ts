import { spawn } from 'node:child_process';
import type { JobProgram } from './types.js';

/** Runs the entrypoint with `sh -c`, stdout and stderr into the log; stop kills its process group. */
export function processProgram(entrypoint: string, envVars: Record<string, string>): JobProgram {
  return {
    start(io) {
      const child = spawn('sh', ['-c', entrypoint], {
        env: { ...process.env, ...envVars },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child.stdout.setEncoding('utf8').on('data', (text: string) => io.emitText(text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => io.emitText(text));
      child.on('error', (error) => {
        io.emitText(`${error.message}\n`);
        io.exit(127);
      });
      child.on('close', (code, signal) => io.exit(code ?? (signal ? 128 + 15 : 1)));
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
