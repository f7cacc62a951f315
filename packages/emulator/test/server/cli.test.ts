import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`CLI exited early with ${code}`)));
  });
}

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', resolve));

describe.skipIf(!existsSync(CLI))('synapse-emulator CLI', () => {
  it('--json prints one JSON line once listening and stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, [CLI, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const info = JSON.parse(await firstLine(child)) as Record<string, unknown>;
    expect(Object.keys(info)).toEqual(['backendUrl', 'agentUrl', 'rayUrl', 'tokens']);
    const tokens = info.tokens as { accessToken: string };
    const reply = await fetch(`${info.backendUrl}/projects/1/`, {
      headers: { 'Synapse-Access-Token': `Token ${tokens.accessToken}` },
    });
    expect(reply.status).toBe(200);
    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('prints a readable summary and stops on SIGINT with exit 0', async () => {
    const child = spawn(process.execPath, [CLI], { stdio: ['ignore', 'pipe', 'inherit'] });
    expect(await firstLine(child)).toContain('Synapse emulator listening');
    const exited = exitCode(child);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
