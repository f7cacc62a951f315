#!/usr/bin/env node
// `pnpm mutate [--incremental] [package …]`: StrykerJS over the packages that matter (core first), one after the
// other. Each package's report (HTML + JSON) goes to reports/mutation/<package>/ (git-ignored); the scores are
// printed per package; MUTATION.md gets a row per package (the latest run of each). Exits 1 when a package is
// under its target.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatRow, formatSummary, readScore } from './score.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Packages in the order they run, with the score each must reach (killed + timed out, over all mutants). */
export const TARGETS = {
  core: 90,
  annotation: 80,
  data: 80,
  hitl: 80,
  integration: 80,
  ml: 80,
  agent: 80,
  ray: 80,
  sdk: 80,
  emulator: 80,
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { incremental: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log(
    'usage: pnpm mutate [--incremental] [package …]   (packages: %s)',
    Object.keys(TARGETS).join(', '),
  );
  process.exit(0);
}
const unknown = positionals.filter((name) => !(name in TARGETS));
if (unknown.length > 0) {
  console.error(`unknown package: ${unknown.join(', ')} (known: ${Object.keys(TARGETS).join(', ')})`);
  process.exit(2);
}
const packages = positionals.length > 0 ? positionals : Object.keys(TARGETS);

function runStryker(name) {
  const reports = `${root}reports/mutation/${name}`;
  mkdirSync(reports, { recursive: true });
  const log = createWriteStream(`${reports}/stryker.log`);
  const args = ['exec', 'stryker', 'run', ...(values.incremental ? ['--incremental'] : [])];
  return new Promise((resolve) => {
    const child = spawn('pnpm', args, { cwd: `${root}packages/${name}`, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on('close', (code) => resolve(code));
  });
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: root,
  encoding: 'utf8',
}).stdout.trim();
const command = `pnpm mutate${values.incremental ? ' --incremental' : ''}`;
const rows = [];
for (const name of packages) {
  const started = Date.now();
  const date = new Date(started).toISOString().slice(0, 10);
  const base = { name, target: TARGETS[name], date, commit, command: `${command} ${name}` };
  process.stdout.write(`mutate: ${name} … `);
  const code = await runStryker(name);
  const report = `${root}reports/mutation/${name}/mutation.json`;
  if (code !== 0 || !existsSync(report)) {
    console.log(`stryker failed (exit ${code}); see reports/mutation/${name}/stryker.log`);
    rows.push({ ...base, failed: true });
    continue;
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const score = readScore(report);
  rows.push({ ...base, ...score, seconds });
  console.log(
    `${score.score.toFixed(1)} % (target ${TARGETS[name]} %) — ${score.total} mutants, ${seconds} s`,
  );
}

const summaryPath = `${root}MUTATION.md`;
const previous = existsSync(summaryPath) ? readFileSync(summaryPath, 'utf8') : '';
const summary = formatSummary(Object.keys(TARGETS), rows, previous);
writeFileSync(summaryPath, summary);
// The file is checked by `biome ci` like any other: written in its format.
spawnSync('pnpm', ['exec', 'biome', 'format', '--write', summaryPath], { cwd: root, stdio: 'ignore' });
console.log(`\n${rows.map(formatRow).join('\n')}\n(MUTATION.md updated)`);
process.exit(rows.every((row) => !row.failed && row.score >= row.target) ? 0 : 1);
