import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@synapse/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from './support/emulator.js';
import { type BlockModule, composeModule } from './support/readme-blocks/compose.js';
import { extractReadmes, readmeFiles } from './support/readme-blocks/readmes.js';
import { brokenRun, runModule } from './support/readme-blocks/run.js';
import { typeCheck } from './support/readme-blocks/typecheck.js';
import { ROOT } from './support/workspace.js';

/**
 * Every ts/js block of the READMEs is type-checked (one tsc for all) and, unless marked `not run` with a reason
 * or `tested:` by another test, run against a fresh emulator with the environment a reader who started one sets.
 */
const files = readmeFiles();
const { blocks, problems } = extractReadmes(files);
const modules = blocks.filter((block) => block.mode.kind !== 'tested-elsewhere').map(composeModule);
const label = (module: BlockModule) => `${module.block.file}:${module.block.line - 1}`;
const cases = (kind: string) =>
  modules
    .filter((module) => module.block.mode.kind === kind)
    .map((module) => [label(module), module] as const);

/** What a reader who ran `synapse-emulator` exports; the blocks read these, as the demo does. */
function readerEnv(emulator: Emulator): Record<string, string> {
  return {
    SYNAPSE_BASE_URL: emulator.backendUrl,
    SYNAPSE_API_TOKEN: emulator.tokens.accessToken,
    SYNAPSE_AGENT_URL: emulator.agentUrl,
    SYNAPSE_AGENT_TOKEN: emulator.tokens.agentToken,
    SYNAPSE_RAY_URL: emulator.rayUrl,
  };
}

let dir: string;
let errors: Map<string, string[]>;

beforeAll(async () => {
  await mkdir(join(ROOT, 'apps/conformance/.tmp'), { recursive: true });
  dir = await mkdtemp(join(ROOT, 'apps/conformance/.tmp/readme-blocks-'));
  await Promise.all(modules.map((module) => writeFile(join(dir, module.fileName), module.source)));
  errors = await typeCheck(dir, modules);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the README code blocks', () => {
  it('are found in the root README and those of the packages, and every directive can be followed', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('packages/core/README.md');
    expect(new Set(blocks.map((block) => block.file)).size).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  it('type-check with nothing reported outside a block', () => {
    const outside = [...errors].filter(([name]) => !modules.some((module) => module.fileName === name));
    expect(outside).toEqual([]);
  });

  it.each(cases('run'))(
    '%s type-checks and runs against the emulator',
    async (_, module) => {
      expect(errors.get(module.fileName)).toEqual([]);
      const emulator = await start();
      try {
        const cwd = join(dir, module.fileName.replace(/\..*$/, ''));
        await mkdir(cwd);
        const run = await runModule(module, { dir, cwd, env: readerEnv(emulator), limitMs: 60_000 });
        expect(brokenRun(run), label(module)).toBeUndefined();
      } finally {
        await emulator.stop();
      }
    },
    90_000,
  );

  it.each(cases('not-run'))('%s type-checks (not run)', (_, module) => {
    expect(module.block.mode).toMatchObject({ kind: 'not-run', reason: expect.stringMatching(/\S/) });
    expect(errors.get(module.fileName)).toEqual([]);
  });

  it.each(
    blocks.flatMap((block) =>
      block.mode.kind === 'tested-elsewhere'
        ? [[`${block.file}:${block.line - 1}`, block.mode.path, block] as const]
        : [],
    ),
  )('%s is %s, which the test of its app runs', async (_, path, block) => {
    expect(await readFile(join(ROOT, path), 'utf8')).toBe(block.code);
  });
});
