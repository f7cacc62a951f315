import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script of the root commands; it has no type declarations.
import { demoSteps } from '../../../scripts/demo.mjs';
// @ts-expect-error -- a plain ESM script of the root commands; it has no type declarations.
import { stepEnv } from '../../../scripts/run-steps.mjs';

/** What `npm test` and `npm run demo` print: no warnings of ours, no telemetry notice, no colour in a log. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const vitestConfigs = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(ROOT, group))
    .map((name) => join(group, name, 'vitest.config.ts'))
    .filter((path) => {
      try {
        read(path);
        return true;
      } catch {
        return false;
      }
    }),
);

describe('a quiet quick start', () => {
  it('every vitest config imports the shared one with its extension (Vite warns of each that does not)', () => {
    const imports = vitestConfigs.flatMap((path) =>
      [...read(path).matchAll(/from '([./]*vitest\.shared[^']*)'/g)].map((match) => `${path}: ${match[1]}`),
    );
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((line) => !line.endsWith('vitest.shared.ts'))).toEqual([]);
  });

  it("no vitest config turns on vitest's type checking, which prints an experimental-feature notice per project", () => {
    expect(vitestConfigs.filter((path) => /typecheck/.test(read(path)))).toEqual([]);
    expect(read('vitest.shared.ts')).not.toMatch(/typecheck:/);
  });

  it('type tests are checked by tsc: every package with test/*.test-d.ts type-checks its test folder', () => {
    const withTypeTests = readdirSync(join(ROOT, 'packages')).filter((name) => {
      try {
        return readdirSync(join(ROOT, 'packages', name, 'test')).some((file) => file.endsWith('.test-d.ts'));
      } catch {
        return false;
      }
    });
    expect(withTypeTests.length).toBeGreaterThan(5);
    for (const name of withTypeTests) {
      const manifest = JSON.parse(read(`packages/${name}/package.json`));
      expect(manifest.scripts.typecheck, name).toBe('tsc -p tsconfig.json --noEmit');
      expect(JSON.parse(read(`packages/${name}/tsconfig.json`)).include, name).toContain('test');
    }
  });

  it('the root scripts of both commands run turbo only through the steps, which disable its telemetry', () => {
    const scripts: Record<string, string> = JSON.parse(read('package.json')).scripts;
    expect(scripts.check).toBe('node scripts/check.mjs');
    expect(scripts.demo).toBe('bash scripts/setup.sh && node scripts/demo.mjs');
    expect(scripts.test).not.toContain('turbo');
    expect(stepEnv({}, true).TURBO_TELEMETRY_DISABLED).toBe('1');
    expect(stepEnv({}, false).TURBO_TELEMETRY_DISABLED).toBe('1');
  });

  it('sets NO_COLOR when stdout is not a terminal, and leaves a terminal its colours', () => {
    expect(stepEnv({}, false).NO_COLOR).toBe('1');
    expect(stepEnv({}, true).NO_COLOR).toBeUndefined();
    // Colour the caller forces wins; Node warns when FORCE_COLOR and NO_COLOR are both set.
    expect(stepEnv({ FORCE_COLOR: '1' }, false).NO_COLOR).toBeUndefined();
  });

  it('npm run demo -- <flags> hands the flags to the demo, after the build', () => {
    expect(demoSteps(['--json'])).toEqual([
      ['pnpm', 'turbo', 'run', 'build', '--filter=@synapse/demo...', '--output-logs=new-only'],
      ['pnpm', '--filter', '@synapse/demo', 'start', '--', '--json'],
    ]);
  });

  it('pnpm check ends with the test summary', () => {
    const steps = [...read('scripts/check.mjs').matchAll(/^ {2}\[.*\],$/gm)].map((match) => match[0]);
    expect(steps.at(-1)).toContain('scripts/test-summary.mjs');
  });
});
