import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

const RECORD_FLAGS = fileURLToPath(new URL('./support/record-v8-flags.mjs', import.meta.url));

describe('the synapse binary', () => {
  it('keeps its old generation within 1.5× of what stays alive, as it starts', async () => {
    const run = await runCli(['--version'], { env: { NODE_OPTIONS: `--import ${RECORD_FLAGS}` } });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('v8 flags: --heap-growing-percent=50\n');
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
