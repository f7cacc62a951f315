import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closedPort, useEmulator } from '@synapse/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { HELP } from '../src/options.js';
import { runDemo } from './run-demo.js';

const RUN = { timeout: 180_000 };

beforeAll(() => {
  if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)))) {
    throw new Error('Build the demo first (pnpm --filter @synapse/demo build)');
  }
});
const emu = useEmulator();

describe('the demo', () => {
  it('runs every workflow against the in-process emulator and exits 0', RUN, async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('(local emulator, started by the demo)');
    expect(stdout).not.toContain('\u001b[');
    for (const line of [
      /\[1\/5\] Data/,
      /✓ data collection 1 "Demo images"/,
      /✓ data file \d+: label-hints\.json in one multipart POST/,
      /✓ data file \d+: scan-volume\.bin \(60\.0 MiB\) through the chunked upload, 8 chunks/,
      /✓ data units \d+, \d+ in data collection 1/,
      /✓ tasks \d+, \d+ in project 1/,
      /✓ task \d+ annotated/,
      /✓ assignments 1, 2 tagged/,
      /✓ models: 1 Demo model/,
      /\[2\/5\] Plugins/,
      /✓ release \d+: version 0\.1\.0, archive http:\/\/127\.0\.0\.1:\d+\/media\/plugin_releases\/\d+\/demo-zip-plugin-.*\.zip/,
      /✓ job \d+ succeeded: \d+ lines tailed/,
      /\[3\/5\] ML/,
      /✓ model \d+ "demo-detector": weights\.pt \(12\.0 MiB\) through the chunked upload/,
      /✓ ground-truth events of version 1: 1, 2/,
      /\[4\/5\] Agent/,
      /✓ agent http:\/\/127\.0\.0\.1:\d+ is healthy/,
      /✓ job raysubmit_\w+ SUCCEEDED: \d+ log lines/,
      /\[5\/5\] Ray/,
      /│ training step 2/,
      /✓ 2 nodes: 127\.0\.0\.1 ALIVE, 127\.0\.0\.2 ALIVE/,
      /✓ serve applications: demo_app \(RUNNING, \/demo_app\)/,
      /All 5 workflows succeeded in [\d.]+ s\./,
    ]) {
      expect(stdout).toMatch(line);
    }
  });

  it('prints the SDK call of each step on the line before what it did', RUN, async () => {
    const { code, stdout } = await runDemo();
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const after = (call: string) => lines[lines.indexOf(`  → ${call}`) + 1];
    expect(after('backend.getDataCollection(settings.dataCollectionId)')).toMatch(
      /^ {2}✓ data collection 1 /,
    );
    expect(after('backend.createDataFile(smallPath)')).toMatch(/^ {2}✓ data file \d+: label-hints\.json/);
    expect(after('backend.createDataFile(path, { chunkSize, onProgress })')).toMatch(/scan-volume\.bin/);
    expect(after("backend.createPlugin({ code, name: 'Demo zip plugin', category: 'neural_net' })")).toMatch(
      /^ {2}✓ plugin \d+: demo-zip-plugin-/,
    );
    expect(after('backend.getModel(model.id)')).toMatch(/^ {2}✓ model \d+ file at /);
    expect(after('agent.healthCheck()')).toMatch(/^ {2}✓ agent http:\/\/127\.0\.0\.1:\d+ is healthy/);
    expect(after('ray.listServeApplications()')).toMatch(/^ {2}✓ serve applications: demo_app/);
    const calls = lines.filter((line) => line.startsWith('  → '));
    expect(calls).toHaveLength(36);
    for (const call of calls) expect(call).toMatch(/^ {2}→ (backend|agent|ray)\.\w+\(.*\)$/);
  });

  it('runs against a configured backend and skips the agent and Ray without their URLs', RUN, async () => {
    const { code, stdout, stderr } = await runDemo({
      SYNAPSE_BASE_URL: emu.emulator.backendUrl,
      SYNAPSE_API_TOKEN: emu.emulator.tokens.accessToken,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toContain('local emulator');
    expect(stdout).toContain('– skipped: set SYNAPSE_AGENT_URL and SYNAPSE_AGENT_TOKEN');
    expect(stdout).toContain('– skipped: set SYNAPSE_RAY_URL');
    expect(stdout).toMatch(/All 3 workflows succeeded, 2 skipped in [\d.]+ s\./);
  });

  it('says in one line that the token was refused, and exits 1', RUN, async () => {
    const { code, stdout, stderr } = await runDemo({
      SYNAPSE_BASE_URL: emu.emulator.backendUrl,
      SYNAPSE_API_TOKEN: 'not-the-token',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `The token was refused by the Synapse backend at ${emu.emulator.backendUrl} (401 Invalid token.). Check SYNAPSE_API_TOKEN.\n`,
    );
  });

  it('says in one line that the backend cannot be reached, and exits 1', RUN, async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, stdout, stderr } = await runDemo({ SYNAPSE_BASE_URL: url, SYNAPSE_API_TOKEN: 'any-token' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `Cannot reach the Synapse backend at ${url} (Backend connection refused). Check SYNAPSE_BASE_URL.\n`,
    );
  });

  it('says in one line that a token is missing, and exits 1', RUN, async () => {
    const { code, stdout, stderr } = await runDemo({ SYNAPSE_BASE_URL: emu.emulator.backendUrl });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'SYNAPSE_BASE_URL is set but SYNAPSE_API_TOKEN is not: set the token of that backend\n',
    );
  });

  it('prints its flags with --help and refuses an unknown one with exit status 2', RUN, async () => {
    const help = await runDemo({}, ['--help']);
    expect(help).toEqual({ code: 0, stdout: HELP, stderr: '' });
    const wrong = await runDemo({}, ['--jsn']);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^Unknown option '--jsn'.*\nRun with --help to see the flags\.\n$/);
  });
});
