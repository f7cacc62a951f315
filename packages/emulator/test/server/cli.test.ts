import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
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

/** Status and Access-Control-Allow-Origin of a GET with the given headers. */
function probe(url: string, headers: Record<string, string>): Promise<[number, string | undefined]> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      res.resume();
      resolve([res.statusCode ?? 0, res.headers['access-control-allow-origin'] as string | undefined]);
    }).on('error', reject);
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

  it('--allow-host and --allow-origin (repeatable, comma lists) let those through; others get 403', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--json',
        '--allow-host',
        'emulator.internal',
        '--allow-origin',
        'https://app.example.com,https://admin.example.com',
        '--allow-origin',
        'http://tool.example:8080',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const { rayUrl } = JSON.parse(await firstLine(child)) as { rayUrl: string };
      const version = `${rayUrl}/api/version`;
      expect(await probe(version, { host: 'emulator.internal:1234' })).toEqual([200, undefined]);
      expect(await probe(version, { host: 'other.internal' })).toEqual([403, undefined]);
      for (const origin of [
        'https://app.example.com',
        'https://admin.example.com',
        'http://tool.example:8080',
      ]) {
        expect(await probe(version, { origin })).toEqual([200, origin]);
      }
      expect(await probe(version, { origin: 'https://evil.example' })).toEqual([403, undefined]);
    } finally {
      const exited = exitCode(child);
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('exits 2 for an --allow-origin that is not an origin', async () => {
    const child = spawn(process.execPath, [CLI, '--allow-origin', 'app.example.com'], { stdio: 'ignore' });
    expect(await exitCode(child)).toBe(2);
  });
});
