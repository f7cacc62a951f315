import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliEmulator } from './support/cli-emulator.js';
import { pathCounts, unitsUnder, writeDataset } from './support/dataset.js';
import { finished, jsonLines, runCli, spawnCli } from './support/run-cli.js';

const cli = useCliEmulator();

const TRIALS = 20;
const FILES = 60;
const SEED = Number(process.env.CLI_RESUME_SEED ?? 20261202);

/** A fraction in [0, 1) drawn from the seed and the trial: a failing trial can be replayed with CLI_RESUME_SEED. */
function draw(trial: number): number {
  return createHash('sha256').update(`${SEED}/${trial}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** Kills the run with SIGKILL as soon as it has reported `count` records on stdout. */
function killAfterItems(child: ChildProcess, count: number): void {
  let seen = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    seen += chunk.toString('utf8').split('"type":"item"').length - 1;
    if (seen >= count) child.kill('SIGKILL');
  });
}

const uploadArgs = (root: string, journal: string) => [
  'upload',
  root,
  '--collection',
  '1',
  '--journal',
  journal,
  '--concurrency',
  '4',
  '--batch-size',
  '8',
  '--json',
];

describe('resume after SIGKILL', () => {
  it(`${TRIALS} trials of ${FILES} files, each killed at a random point then run again: every file once on the server`, async () => {
    // An uninterrupted run's length bounds the kill points (the kill is a point in the run, not a timing check).
    const probe = join(cli.dir, 'probe');
    await writeDataset(probe, FILES, 'probe');
    const started = performance.now();
    const whole = await runCli(uploadArgs(probe, `${probe}.journal`), { env: cli.env() });
    const span = performance.now() - started;
    expect(whole.code, whole.stderr).toBe(0);

    for (let trial = 0; trial < TRIALS; trial += 1) {
      const root = join(cli.dir, `trial-${trial}`);
      const journal = `${root}.journal`;
      const paths = await writeDataset(root, FILES, `trial-${trial}`);
      // Even trials: a kill at a random moment of the run (start-up included); odd ones: right after a random
      // number of records were reported, so that every one of those lands in the middle of the upload.
      const byItems = trial % 2 === 1;
      const killAt = byItems ? 1 + Math.floor(draw(trial) * (FILES - 2)) : Math.floor(draw(trial) * span);
      const child = spawnCli(uploadArgs(root, journal), { env: cli.env() });
      const timer = byItems ? undefined : setTimeout(() => child.kill('SIGKILL'), killAt);
      if (byItems) killAfterItems(child, killAt);
      const killed = await finished(child);
      clearTimeout(timer);
      const resumed = await runCli(uploadArgs(root, journal), { env: cli.env() });
      const context = `seed ${SEED}, trial ${trial}, killed after ${killAt} ${byItems ? 'records' : 'ms'} (${killed.signal ?? `exit ${killed.code}`})`;
      expect(resumed.code, `${context}: ${resumed.stderr}`).toBe(0);
      const summary = jsonLines(resumed.stdout).at(-1);
      expect(summary, context).toMatchObject({ type: 'summary', failed: 0 });
      expect(Number(summary?.created) + Number(summary?.skipped), context).toBe(FILES);
      // A record reported before the kill was in the journal: the second run skips it.
      if (byItems) expect(Number(summary?.skipped), context).toBeGreaterThanOrEqual(killAt);

      const counts = pathCounts(await unitsUnder(cli.get, 1, root));
      expect([...counts.keys()].sort(), context).toEqual([...paths].sort());
      expect(
        [...counts.values()].filter((count) => count > 1),
        `${context}: duplicates`,
      ).toEqual([]);
    }
  }, 120_000);
});
