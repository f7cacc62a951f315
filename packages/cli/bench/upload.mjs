#!/usr/bin/env node
// Benchmark of `synapse upload` (not a test), the emulator in a process of its own, fresh for each figure:
//   1. FILES files of 4 KiB: the CLI's upload vs the same number of raw `createDataFile` calls at the same
//      concurrency (target ≤ 1.5×), in ROUNDS rounds (the median of the per-round ratios is the figure);
//   2. the same upload killed (SIGKILL) at about half and resumed from its journal: the two runs' total vs the
//      uninterrupted run (target ≤ 1.1×), and the data units on the emulator (target: FILES, zero duplicates);
//   3. LISTING files uploaded from one folder: the CLI's peak RSS (GNU time's %M; target ≤ 150 MiB).
// Usage (after `pnpm turbo run build --filter @synapse/cli...`):
//   node packages/cli/bench/upload.mjs [--files 10000] [--listing 100000] [--concurrency 8] [--rounds 3]
// The files go to a temporary folder, removed at the end.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataCollectionClient } from '@synapse/data';
import { spawnEmulator } from '../../../apps/conformance/bench/emulator-process.mjs';
import { median, spread } from '../../../apps/conformance/bench/measure.mjs';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    listing: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const FILES = Number(values.files);
const LISTING = Number(values.listing);
const CONCURRENCY = Number(values.concurrency);
/** Rounds of each pair of runs (raw and CLI; journaled and killed-and-resumed), each pair in turns. */
const ROUNDS = Number(values.rounds);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
/** Rounds of `{ sdk, base }` times: the median of their ratios, their range, and the ratio of their sums. */
function summary(rounds) {
  const ratios = rounds.map((r) => r.sdk / r.base);
  const total = sum(rounds.map((r) => r.sdk)) / sum(rounds.map((r) => r.base));
  return `${median(ratios).toFixed(2)}× (median of ${rounds.length} rounds; ${spread(ratios)}, all rounds together ${total.toFixed(2)}×)`;
}
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const GNU_TIME = '/usr/bin/time';
const log = (line) => console.log(line);

/** `count` files of `size` random bytes (distinct checksums), 1,000 per subfolder; resolves to their paths. */
async function writeFiles(root, count, size) {
  const paths = [];
  for (let i = 0; i < count; i += 1) {
    const dir = join(root, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) await mkdir(dir, { recursive: true });
    const path = join(dir, `f${i}.bin`);
    await writeFile(path, randomBytes(size));
    paths.push(path);
  }
  return paths;
}

const env = (emulator) => ({
  ...process.env,
  SYNAPSE_BASE_URL: emulator.backendUrl,
  SYNAPSE_API_TOKEN: emulator.tokens.accessToken,
  SYNAPSE_CONFIG_DIR: join(tmpdir(), 'synapse-bench-no-config'),
});

/** Runs the CLI to its end (or until `killAtItems` records were reported); resolves to ms and what it printed. */
function runCli(args, emulator, { killAtItems, measureRss } = {}) {
  // Run as a user runs it: the binary itself.
  const command = measureRss ? GNU_TIME : CLI;
  const argv = measureRss ? ['-f', 'maxrss-kib=%M', CLI, ...args] : args;
  const started = performance.now();
  const child = spawn(command, argv, { env: env(emulator), stdio: ['ignore', 'pipe', 'pipe'] });
  let items = 0;
  let stderr = '';
  let tail = '';
  child.stdout.setEncoding('utf8').on('data', (text) => {
    items += text.split('"type":"item"').length - 1;
    tail = (tail + text).slice(-2000);
    if (killAtItems !== undefined && items >= killAtItems) child.kill('SIGKILL');
  });
  child.stderr.setEncoding('utf8').on('data', (text) => {
    stderr += text;
  });
  return new Promise((resolve) =>
    child.once('close', (code, signal) =>
      resolve({ ms: performance.now() - started, code, signal, items, stderr, tail }),
    ),
  );
}

/** Every data unit's file paths on the emulator, counted: [units, paths seen more than once]. */
async function unitCounts(emulator) {
  const client = new DataCollectionClient({
    baseUrl: emulator.backendUrl,
    apiToken: emulator.tokens.accessToken,
  });
  const seen = new Map();
  let units = 0;
  for await (const unit of await client.listDataUnits(
    { data_collection: 1, page_size: 1000 },
    { listAll: true },
  )) {
    units += 1;
    for (const file of Object.values(unit.files ?? {})) {
      if (file?.path) seen.set(file.path, (seen.get(file.path) ?? 0) + 1);
    }
  }
  return { units, duplicates: [...seen.values()].filter((n) => n > 1).length };
}

/** The seeded units (1–3) are not the benchmark's. */
const SEEDED_UNITS = 3;

async function withEmulator(run) {
  const emulator = await spawnEmulator();
  try {
    return await run(emulator);
  } finally {
    await emulator.stop();
  }
}

async function mapLimit(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const root = await mkdtemp(join(tmpdir(), 'synapse-cli-bench-'));
try {
  const dataset = join(root, 'dataset');
  const paths = await writeFiles(dataset, FILES, 4096);
  const uploadArgs = ['upload', dataset, '--collection', '1', '--concurrency', String(CONCURRENCY)];
  log(`${FILES} files of 4 KiB, concurrency ${CONCURRENCY}, emulator in its own process (fresh per run)`);

  const rawRun = () =>
    withEmulator(async (emulator) => {
      const client = new DataCollectionClient({
        baseUrl: emulator.backendUrl,
        apiToken: emulator.tokens.accessToken,
      });
      const started = performance.now();
      await mapLimit(paths, CONCURRENCY, (path) => client.createDataFile(path));
      return { ms: performance.now() - started };
    });
  const cliRun = (round) =>
    withEmulator(async (emulator) => {
      const run = await runCli([...uploadArgs, '--report', join(root, `r-${round}.jsonl`)], emulator);
      if (run.code !== 0) throw new Error(`the CLI upload failed (${run.code}): ${run.stderr}`);
      return run;
    });
  // The resume is compared with the same command (journal included) run without a kill.
  const journalArgs = (name) => [...uploadArgs, '--journal', join(root, name), '--json'];
  const journaledRun = (round) =>
    withEmulator(async (emulator) => {
      const run = await runCli(journalArgs(`whole-${round}.jsonl`), emulator);
      if (run.code !== 0) throw new Error(`the journaled upload failed (${run.code}): ${run.stderr}`);
      return run;
    });
  const killedRun = (round) =>
    withEmulator(async (emulator) => {
      const journal = journalArgs(`killed-${round}.jsonl`);
      const first = await runCli(journal, emulator, { killAtItems: Math.floor(FILES / 2) });
      const second = await runCli(journal, emulator);
      if (second.code !== 0) throw new Error(`the resumed upload failed (${second.code}): ${second.stderr}`);
      return { first, second, ms: first.ms + second.ms, ...(await unitCounts(emulator)) };
    });
  /** Runs both sides of a pair, in turns (the machine's load drifts; alternating spreads it over both). */
  const pair = async (round, a, b) => {
    if (round % 2 === 0) return [await a(round), await b(round)];
    const second = await b(round);
    return [await a(round), second];
  };

  const speed = [];
  const resume = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const [raw, cli] = await pair(round, rawRun, cliRun);
    speed.push({ sdk: cli.ms, base: raw.ms });
    log(
      `round ${round + 1}: raw createDataFile ${raw.ms.toFixed(0)} ms, CLI upload ${cli.ms.toFixed(0)} ms → ${(cli.ms / raw.ms).toFixed(2)}× raw`,
    );
    const [whole, killed] = await pair(round, journaledRun, killedRun);
    resume.push({ sdk: killed.ms, base: whole.ms });
    log(
      `round ${round + 1}: CLI upload with --journal ${whole.ms.toFixed(0)} ms; killed at ${killed.first.items} records (${killed.first.signal}) after ${killed.first.ms.toFixed(0)} ms, resumed in ${killed.second.ms.toFixed(0)} ms: ` +
        `${killed.ms.toFixed(0)} ms → ${(killed.ms / whole.ms).toFixed(2)}× the uninterrupted run; ` +
        `${killed.units - SEEDED_UNITS} data units for ${FILES} files, ${killed.duplicates} duplicates (target 0)`,
    );
  }
  log(`CLI upload vs raw createDataFile: ${summary(speed)} (target ≤ 1.5×)`);
  log(`killed + resumed vs uninterrupted, with --journal: ${summary(resume)} (target ≤ 1.1×)`);
  await rm(dataset, { recursive: true, force: true });

  if (LISTING > 0) {
    if (!existsSync(GNU_TIME))
      throw new Error(`${GNU_TIME} (GNU time) measures the peak RSS; install it (apt-get install time)`);
    const listing = join(root, 'listing');
    await writeFiles(listing, LISTING, 64);
    log(`${LISTING} files of 64 B written`);
    const run = await withEmulator((emulator) =>
      runCli(['upload', listing, '--collection', '1', '--concurrency', String(CONCURRENCY)], emulator, {
        measureRss: true,
      }),
    );
    const kib = Number(/maxrss-kib=(\d+)/.exec(run.stderr)?.[1]);
    log(
      `${LISTING} files uploaded from one folder in ${(run.ms / 1000).toFixed(1)} s (exit ${run.code}): CLI peak RSS ${(kib / 1024).toFixed(1)} MiB (target ≤ 150 MiB)`,
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
