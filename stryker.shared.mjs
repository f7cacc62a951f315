// Shared StrykerJS settings: each package's stryker.config.mjs names what it mutates. Run through `pnpm mutate`.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The config of one package: `name` names its report folder, `mutate` the files whose mutants count. */
export function strykerConfig(name, mutate, extra = {}) {
  const reports = `${root}reports/mutation/${name}`;
  return {
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    coverageAnalysis: 'perTest',
    mutate,
    reporters: ['clear-text', 'html', 'json', 'progress'],
    htmlReporter: { fileName: `${reports}/index.html` },
    jsonReporter: { fileName: `${reports}/mutation.json` },
    incrementalFile: `${reports}/incremental.json`,
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    // The packages' vitest configs import the workspace's shared one, which a sandbox copy would not have: mutants
    // are written into the package itself and the files restored afterwards (also on Ctrl-C).
    inPlace: true,
    concurrency: 2,
    timeoutMS: 10_000,
    timeoutFactor: 2,
    thresholds: { high: 90, low: 80, break: null },
    ...extra,
  };
}
