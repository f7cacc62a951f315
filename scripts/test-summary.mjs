// Adds up the vitest results of every package (written by the shared vitest config) and prints one closing
// line, `Tests: N passed, N failed, N skipped`. Every test runs once per transport (a vitest project each, see
// vitest.shared.ts), and each run counts; a failed one is listed above with the transport it ran with.
// Exits non-zero when a test failed or none ran. Type tests (test/*.test-d.ts) are counted apart: the typecheck step
// (tsc) checks them, before any test runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const RESULT = join('.tmp', 'vitest-results.json');
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
const failures = [];
const perTransport = new Map();
let typeTestFiles = 0;

for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const dir = join(group, name);
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
    const tests = join(dir, 'test');
    if (existsSync(tests)) typeTestFiles += readdirSync(tests).filter((f) => f.endsWith('.test-d.ts')).length;
    if (!scripts.test) continue;
    const file = join(dir, RESULT);
    if (!existsSync(file)) {
      missing.push(dir);
      continue;
    }
    const result = JSON.parse(readFileSync(file, 'utf8'));
    passed += result.numPassedTests ?? 0;
    failed += result.numFailedTests ?? 0;
    skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
    for (const testFile of result.testResults ?? []) {
      const where = relative(process.cwd(), testFile.name);
      // A file that fails before its tests run (an import, a hook) has a message and no failed test.
      if (testFile.status === 'failed' && !testFile.assertionResults.some((t) => t.status === 'failed'))
        failures.push(`FAIL ${where}: ${testFile.message.split('\n')[0]}`);
      for (const test of testFile.assertionResults) {
        // Set by vitest.transport-setup.ts; a test whose hooks never ran (typecheck tests too) has none.
        const transport = test.meta?.transport ?? 'no transport';
        const counts = perTransport.get(transport) ?? { passed: 0, failed: 0 };
        if (test.status === 'passed') counts.passed++;
        if (test.status === 'failed') {
          counts.failed++;
          failures.push(`FAIL [${transport}] ${where} > ${test.fullName}`);
        }
        perTransport.set(transport, counts);
      }
    }
  }
}

for (const line of failures) console.error(line);
if (missing.length > 0) console.error(`No test results from: ${missing.join(', ')}`);
const byTransport = [...perTransport].map(([name, c]) => `${name}: ${c.passed} passed, ${c.failed} failed`);
if (byTransport.length > 0) console.log(`By transport: ${byTransport.join('; ')}`);
console.log(`Type tests: ${typeTestFiles} files (test/*.test-d.ts), checked by tsc in the typecheck step`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 || missing.length > 0 ? 1 : 0);
