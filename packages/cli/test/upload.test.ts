import { spawn } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliEmulator } from './support/cli-emulator.js';
import { pathCounts, unitsUnder, writeDataset } from './support/dataset.js';
import { CLI, cliEnv, finished, jsonLines, runCli, spawnCli } from './support/run-cli.js';

const cli = useCliEmulator();
let sets = 0;

/** A fresh folder of `count` files for one test. */
async function dataset(count: number) {
  sets += 1;
  const root = join(cli.dir, `set-${sets}`);
  return { root, paths: await writeDataset(root, count, `set-${sets}`) };
}

describe('synapse upload', () => {
  it('makes one data unit per file under the primary spec, one task each with --project; JSON lines and summary', async () => {
    const { root, paths } = await dataset(12);
    const run = await runCli(['upload', root, '--collection', '1', '--project', '1', '--json'], {
      env: cli.env(),
    });
    expect(run.code, run.stderr).toBe(0);
    const lines = jsonLines(run.stdout);
    const items = lines.filter((line) => line.type === 'item');
    expect(items).toHaveLength(12);
    expect(new Set(items.map((item) => item.key)).size).toBe(12);
    for (const item of items)
      expect(item).toMatchObject({
        status: 'created',
        dataUnit: expect.any(Number),
        task: expect.any(Number),
      });
    expect(lines.at(-1)).toMatchObject({
      type: 'summary',
      created: 12,
      failed: 0,
      skipped: 0,
      interrupted: false,
    });
    expect(run.stderr).toMatch(/^12 created, 0 failed, 0 skipped \(/);
    expect(run.stderr).not.toContain('\x1b[');

    const units = await unitsUnder(cli.get, 1, root);
    expect([...pathCounts(units).keys()].sort()).toEqual([...paths].sort());
    expect(units.every((unit) => Object.keys(unit.files).join() === 'image_1')).toBe(true);
    const task = (await cli.get(`tasks/${items[0]?.task}/`)) as { data_unit: number; project: number };
    expect(task).toMatchObject({ data_unit: items[0]?.dataUnit, project: 1 });
  });

  it('takes files one by one too, under --spec, and writes --report', async () => {
    const { root, paths } = await dataset(3);
    const report = join(root, 'report.jsonl');
    const run = await runCli(
      ['upload', ...paths, '--collection', '1', '--spec', 'meta_1', '--report', report],
      {
        env: cli.env(),
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const reported = jsonLines(await readFile(report, 'utf8'));
    expect(reported.map((line) => line.status)).toEqual(['created', 'created', 'created']);
    const units = await unitsUnder(cli.get, 1, root);
    expect(units.map((unit) => Object.keys(unit.files).join())).toEqual(['meta_1', 'meta_1', 'meta_1']);
  });

  it('a manifest maps several files (and meta) to one data unit', async () => {
    const { root } = await dataset(4);
    const manifest = join(root, 'manifest.jsonl');
    await writeFile(
      manifest,
      [
        { files: { image_1: 'part-0/even/file-0.json', meta_1: 'part-1/file-1.json' }, meta: { n: 1 } },
        { files: { image_1: 'part-2/even/file-2.json', meta_1: 'part-0/file-3.json' }, meta: { n: 2 } },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const run = await runCli(['upload', '--manifest', manifest, '--collection', '1', '--json'], {
      env: cli.env(),
    });
    expect(run.code, run.stderr).toBe(0);
    const units = await unitsUnder(cli.get, 1, root);
    // Records upload concurrently: the units' order is the order their files finished.
    const made = units.map((unit) => [Object.keys(unit.files).sort().join(), unit.meta?.n]);
    expect(made.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['image_1,meta_1', 1],
      ['image_1,meta_1', 2],
    ]);
  });

  it('exits 1 when a record failed, with a line on stderr; the journal run again uploads only that one', async () => {
    const { root } = await dataset(6);
    const journal = join(root, '..', `journal-${sets}.jsonl`);
    const fault = cli.emulator.faults.add({ method: 'POST', path: '/data_files/', status: 400, times: 1 });
    const first = await runCli(
      ['upload', root, '--collection', '1', '--journal', journal, '--json', '--concurrency', '1'],
      {
        env: cli.env(),
      },
    );
    cli.emulator.faults.remove(fault);
    expect(first.code).toBe(1);
    const failed = jsonLines(first.stdout).filter((line) => line.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ error: expect.stringContaining('400') });
    expect(first.stderr).toContain(`failed ${failed[0]?.key}`);
    expect(first.stderr).toMatch(/5 created, 1 failed, 0 skipped/);

    const second = await runCli(['upload', root, '--collection', '1', '--journal', journal, '--json'], {
      env: cli.env(),
    });
    expect(second.code, second.stderr).toBe(0);
    expect(jsonLines(second.stdout).at(-1)).toMatchObject({ created: 1, skipped: 5, failed: 0 });
    expect([...pathCounts(await unitsUnder(cli.get, 1, root)).values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('--shard i/n: the shards together upload every file exactly once', async () => {
    const { root, paths } = await dataset(30);
    const runs = await Promise.all(
      [0, 1, 2].map((index) =>
        runCli(['upload', root, '--collection', '1', '--shard', `${index}/3`, '--json'], { env: cli.env() }),
      ),
    );
    const created = runs.map(
      (run) => jsonLines(run.stdout).filter((line) => line.status === 'created').length,
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
    expect(created.reduce((a, b) => a + b, 0)).toBe(30);
    const counts = pathCounts(await unitsUnder(cli.get, 1, root));
    expect([...counts.keys()].sort()).toEqual([...paths].sort());
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });

  it('a file of a folder that cannot be read fails alone (exit 1), the others are created', async () => {
    const { root, paths } = await dataset(3);
    const locked = paths[1] as string;
    await chmod(locked, 0o000);
    for (const dir of [cli.dir, root, join(root, 'part-0'), join(root, 'part-1'), join(root, 'part-2')]) {
      await chmod(dir, 0o755).catch(() => undefined);
    }
    // Mode 000 stops every user but root; as root the CLI runs as `nobody` here.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const env = cli.env({ SYNAPSE_CONFIG_DIR: join(cli.dir, 'no-config') });
    const run = await runCli(['upload', root, '--collection', '1', '--json'], { env, ...user });
    expect(run.code).toBe(1);
    const items = jsonLines(run.stdout).filter((line) => line.type === 'item');
    expect(items.find((item) => item.key === locked)).toMatchObject({ status: 'failed', stage: 'upload' });
    expect(items.filter((item) => item.status === 'created')).toHaveLength(2);
    expect(run.stderr).toContain(`failed ${locked} (upload): `);
  });

  it('Ctrl-C (SIGINT) stops the upload with exit 130; the same command then finishes it', async () => {
    const { root, paths } = await dataset(40);
    const journal = join(root, '..', `journal-${sets}.jsonl`);
    const args = [
      'upload',
      root,
      '--collection',
      '1',
      '--journal',
      journal,
      '--batch-size',
      '5',
      '--concurrency',
      '1',
      '--json',
    ];
    const child = spawnCli(args, { env: cli.env() });
    child.stdout?.once('data', () => child.kill('SIGINT'));
    const interrupted = await finished(child);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/Interrupted: \d+ created, 0 failed, 0 skipped/);
    expect(interrupted.stderr).toContain(
      'synapse: Interrupted. Run the same command again to resume from the journal.\n',
    );
    expect(jsonLines(interrupted.stdout).at(-1)).toMatchObject({ type: 'summary', interrupted: true });

    const resumed = await runCli(args, { env: cli.env() });
    expect(resumed.code, resumed.stderr).toBe(0);
    const counts = pathCounts(await unitsUnder(cli.get, 1, root));
    expect([...counts.keys()].sort()).toEqual([...paths].sort());
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });

  it('on a terminal: a progress bar and colour on stderr; NO_COLOR turns the colour off', async () => {
    const { paths } = await dataset(3);
    // `script` (util-linux) runs the CLI on a pseudo-terminal and copies what it drew.
    const onTerminal = async (extra: Record<string, string | undefined>) => {
      const command = [process.execPath, CLI, 'upload', ...paths, '--collection', '1'].join(' ');
      const child = spawn('script', ['-qec', command, '/dev/null'], { env: cliEnv(cli.env(extra)) });
      return finished(child);
    };
    // A terminal that can show colour, whatever the shell running the tests has; CI set does not change it.
    const coloured = await onTerminal({ TERM: 'xterm-256color', CI: 'true' });
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toContain('3/3 records | 0 failed, 0 skipped');
    expect(coloured.stdout).toContain('\x1b[32m3 created\x1b[39m');
    const plain = await onTerminal({ TERM: 'xterm-256color', NO_COLOR: '1' });
    expect(plain.stdout).toContain('3/3 records | 0 failed, 0 skipped');
    expect(plain.stdout).toContain('3 created, 0 failed, 0 skipped');
    expect(plain.stdout).not.toContain('\x1b[32m');
  });
});
