import { readFileSync } from 'node:fs';

const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

/** Score of a Stryker JSON report: killed + timed out over every valid mutant, overall and per file. */
export function readScore(reportPath) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const files = [];
  let detected = 0;
  let total = 0;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const counted = mutants.filter((m) => COUNTED.has(m.status));
    const caught = counted.filter((m) => DETECTED.has(m.status)).length;
    const survived = counted.length - caught;
    files.push({ file, total: counted.length, detected: caught, survived });
    detected += caught;
    total += counted.length;
  }
  return { score: total === 0 ? 100 : (100 * detected) / total, detected, total, files };
}

const HEADER = [
  '# Mutation scores',
  '',
  'StrykerJS 9.6.1, `coverageAnalysis: perTest`: killed + timed-out mutants over all valid ones (survived and',
  'uncovered count against). Each row is the latest run of its package, with the command that measured it;',
  '`pnpm mutate [package …]` rewrites the rows it runs and keeps the others. Every surviving mutant is in',
  '`reports/mutation/<package>/index.html` after a run (git-ignored). Mutants that are equivalent (no observable',
  'difference) are disabled in the source with `// Stryker disable next-line <mutator>: <why>`.',
  '',
  '| package | score | target | mutants | survived | measured | commit | command | time |',
  '| ------- | ----- | ------ | ------- | -------- | -------- | ------ | ------- | ---- |',
];

/** One table row of MUTATION.md. */
export function formatRow(row) {
  if (row.failed)
    return `| ${row.name} | failed | ${row.target} % | | | ${row.date} | ${row.commit} | \`${row.command}\` | |`;
  const mark = row.score >= row.target ? '✓' : '✗';
  return `| ${row.name} | ${row.score.toFixed(1)} % ${mark} | ${row.target} % | ${row.total} | ${row.total - row.detected} | ${row.date} | ${row.commit} | \`${row.command}\` | ${row.seconds} s |`;
}

/**
 * MUTATION.md: a row per package in `order`, from this run's `rows` or, for packages not run, the row the
 * `previous` file had.
 */
export function formatSummary(order, rows, previous = '') {
  const lines = [...HEADER];
  for (const name of order) {
    const row = rows.find((r) => r.name === name);
    // Biome aligns the table's columns, so a row's name may be padded.
    const kept = previous.split('\n').find((line) => new RegExp(`^\\|\\s*${name}\\s*\\|`).test(line));
    if (row) lines.push(formatRow(row));
    else if (kept) lines.push(kept);
  }
  return `${lines.join('\n')}\n`;
}
