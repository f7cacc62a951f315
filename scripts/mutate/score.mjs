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

/** The Markdown summary written to MUTATION.md and printed at the end of a run. */
export function formatSummary(rows, command) {
  const lines = [
    '# Mutation scores',
    '',
    `StrykerJS, killed + timed-out mutants over all valid ones. Command: \`${command}\` (reports with every`,
    'surviving mutant: `reports/mutation/<package>/index.html`).',
    '',
    '| package | score | target | mutants | survived |',
    '| ------- | ----- | ------ | ------- | -------- |',
  ];
  for (const row of rows) {
    if (row.failed) lines.push(`| ${row.name} | failed | ${row.target} % | | |`);
    else {
      const mark = row.score >= row.target ? '✓' : '✗';
      lines.push(
        `| ${row.name} | ${row.score.toFixed(1)} % ${mark} | ${row.target} % | ${row.total} | ${row.total - row.detected} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
