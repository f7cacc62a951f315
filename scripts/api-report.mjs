// The public API of every published package, as API Extractor reads it from the built `dist/index.d.ts`, checked
// in as `packages/<name>/etc/<name>.api.md`. `pnpm api` builds and rewrites the reports; `--check` (`pnpm api:check`,
// part of `pnpm check` after the build) fails when a package's surface differs from its report.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { publishablePackages } from './install-check/pack.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const base = ExtractorConfig.loadFile(join(ROOT, 'api-extractor.base.json'));

function report(pkg) {
  const extractorConfig = ExtractorConfig.prepare({
    configObject: { ...base, projectFolder: pkg.dir },
    configObjectFullPath: join(pkg.dir, 'api-extractor.json'),
    packageJsonFullPath: join(pkg.dir, 'package.json'),
  });
  const file = relative(ROOT, extractorConfig.reportFilePath);
  if (check && !existsSync(extractorConfig.reportFilePath))
    return `${pkg.name} has no API report (${file}). Run \`pnpm api\` and commit the report.`;
  mkdirSync(extractorConfig.reportFolder, { recursive: true });
  const messages = [];
  const result = Extractor.invoke(extractorConfig, {
    localBuild: !check,
    messageCallback: (message) => {
      message.handled = true;
      if (message.logLevel === 'error' || message.logLevel === 'warning')
        messages.push(`  ${message.logLevel}: ${message.formatMessageWithLocation(pkg.dir)}`);
    },
  });
  if (check && result.apiReportChanged) {
    const temp = relative(ROOT, extractorConfig.reportTempFilePath);
    return [
      `${pkg.name}: its public API differs from ${file}. If the change is meant, run \`pnpm api\` and commit the`,
      `  report; the difference: git diff --no-index ${file} ${temp}`,
    ].join('\n');
  }
  if (!result.succeeded) return `${pkg.name}: API Extractor failed:\n${messages.join('\n')}`;
  console.log(`api: ${pkg.name} ${result.apiReportChanged ? 'updated' : 'unchanged'} (${file})`);
  return undefined;
}

const packages = publishablePackages(ROOT);
const unbuilt = packages.filter((pkg) => !existsSync(join(pkg.dir, 'dist', 'index.d.ts')));
if (unbuilt.length > 0) {
  console.error(
    `api: build first (pnpm build): no dist/index.d.ts in ${unbuilt.map((p) => p.name).join(', ')}`,
  );
  process.exit(1);
}
const problems = packages.map(report).filter(Boolean);
if (problems.length > 0) {
  console.error(`api: ${problems.join('\n\napi: ')}`);
  process.exitCode = 1;
}
