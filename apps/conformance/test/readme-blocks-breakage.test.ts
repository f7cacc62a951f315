import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeModule } from './support/readme-blocks/compose.js';
import { extractBlocks } from './support/readme-blocks/extract.js';
import { brokenRun, runModule } from './support/readme-blocks/run.js';
import { typeCheck } from './support/readme-blocks/typecheck.js';
import { ROOT } from './support/workspace.js';

/** The README test's checks catch a broken block: a type error by its README line, a failing run by its exit. */
const BROKEN = [
  '# A package',
  '',
  '```ts',
  "import { AnnotationClient } from '@synapse/annotation';",
  '',
  "const client = new AnnotationClient({ baseUrl: 'http://127.0.0.1:9', apiToken: 't' });",
  'await client.getTaks(1);',
  '```',
  '',
  '<!-- readme-test: setup const reason: string = process.env.WHY ?? "unset"; -->',
  '```ts',
  'if (reason !== "set") throw new Error("broken: " + reason);',
  '```',
  '',
  '```js',
  'process.exitCode = Number(process.env.EXIT_CODE ?? 0);',
  'if (process.env.WARN) console.error(process.env.WARN);',
  '```',
  '',
  '```ts',
  "import { expect, it } from 'vitest';",
  '',
  "it('adds', () => expect(1 + 1).toBe(Number(process.env.SUM ?? 2)));",
  '```',
].join('\n');

const modules = extractBlocks('packages/x/README.md', BROKEN).blocks.map(composeModule);
let dir: string;

beforeAll(async () => {
  await mkdir(join(ROOT, 'apps/conformance/.tmp'), { recursive: true });
  dir = await mkdtemp(join(ROOT, 'apps/conformance/.tmp/readme-breakage-'));
  await Promise.all(modules.map((module) => writeFile(join(dir, module.fileName), module.source)));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const run = async (index: number, env: Record<string, string>) => {
  const module = modules[index];
  if (!module) throw new Error(`no block ${index}`);
  const cwd = join(dir, `work-${index}-${Object.keys(env).length}`);
  await mkdir(cwd, { recursive: true });
  return runModule(module, { dir, cwd, env, limitMs: 60_000 });
};

describe('a broken README block', () => {
  it('fails the type-check with its README line, and leaves the sound blocks clean', async () => {
    const errors = await typeCheck(dir, modules);
    expect([...errors]).toEqual([
      [
        'block-00.ts',
        [
          "packages/x/README.md:7: error TS2551: Property 'getTaks' does not exist on type 'AnnotationClient'. Did you mean 'getTask'?",
        ],
      ],
      ['block-01.ts', []],
      ['block-02.js', []],
      ['block-03.test.ts', []],
    ]);
  }, 60_000);

  it('fails its run with the error it threw, and passes once what it needs is there', async () => {
    const broken = await run(1, { WHY: 'missing' });
    expect(broken).toMatchObject({ code: 1, timedOut: false });
    expect(broken.stderr).toContain('Error: broken: missing');
    expect(brokenRun(broken)).toMatch(/^exit code 1:\n[\s\S]*Error: broken: missing/);
    const fixed = await run(1, { WHY: 'set' });
    expect(fixed).toEqual({ code: 0, timedOut: false, output: '', stderr: '' });
    expect(brokenRun(fixed)).toBeUndefined();
  });

  it('fails a run that ends with a non-zero exit code, and kills one that outlives its limit', async () => {
    const exited = await run(2, { EXIT_CODE: '3' });
    expect(exited).toEqual({ code: 3, timedOut: false, output: '', stderr: '' });
    expect(brokenRun(exited)).toBe('exit code 3:\n');
    const module = modules[2];
    if (!module) throw new Error('no block 2');
    const hung = composeModule({ ...module.block, code: 'setInterval(() => {}, 1000);\n' }, 9);
    await writeFile(join(dir, hung.fileName), hung.source);
    const result = await runModule(hung, { dir, cwd: dir, env: {}, limitMs: 500 });
    expect(result).toEqual({ code: null, timedOut: true, output: '', stderr: '' });
    expect(brokenRun(result)).toBe('still running at its limit, killed:\n');
  });

  it('fails a vitest file whose test fails, and passes it when its test passes', async () => {
    const failed = await run(3, { SUM: '3' });
    expect(failed).toMatchObject({ code: 1, timedOut: false });
    expect(failed.output).toContain('expected 2 to be 3');
    expect(await run(3, { SUM: '2' })).toMatchObject({ code: 0, timedOut: false, stderr: '' });
  });

  it('fails a run that exits 0 but writes to stderr', async () => {
    const warned = await run(2, { WARN: 'some uploads failed' });
    expect(warned).toEqual({
      code: 0,
      timedOut: false,
      output: 'some uploads failed\n',
      stderr: 'some uploads failed\n',
    });
    expect(brokenRun(warned)).toBe('wrote to stderr:\nsome uploads failed\n');
  });

  it("runs with the variables it is given, its own temporary folder, and none of the shell's SDK settings", async () => {
    const module = modules[2];
    if (!module) throw new Error('no block 2');
    const code =
      'const { SYNAPSE_DEBUG, SYNAPSE_API_TOKEN, SYNAPSE_TRANSPORT, TMPDIR } = process.env;\n' +
      'console.log(JSON.stringify({ SYNAPSE_DEBUG, SYNAPSE_API_TOKEN, SYNAPSE_TRANSPORT, TMPDIR }));\n';
    const printer = composeModule({ ...module.block, code }, 10);
    await writeFile(join(dir, printer.fileName), printer.source);
    const cwd = join(dir, 'printer');
    vi.stubEnv('SYNAPSE_DEBUG', '1');
    vi.stubEnv('SYNAPSE_API_TOKEN', 'a-token-of-the-shell');
    vi.stubEnv('SYNAPSE_TRANSPORT', 'fetch');
    try {
      const result = await runModule(printer, {
        dir,
        cwd,
        env: { SYNAPSE_API_TOKEN: 'the-emulators' },
        limitMs: 60_000,
      });
      expect(JSON.parse(result.output)).toEqual({
        SYNAPSE_API_TOKEN: 'the-emulators',
        SYNAPSE_TRANSPORT: 'fetch',
        TMPDIR: join(cwd, 'tmp'),
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
