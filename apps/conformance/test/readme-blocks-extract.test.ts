import { describe, expect, it } from 'vitest';
import { composeModule, isVitestFile } from './support/readme-blocks/compose.js';
import { extractBlocks } from './support/readme-blocks/extract.js';

const readme = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('extractBlocks', () => {
  it('finds the ts and js blocks, with the README line of their first line, and leaves the others', () => {
    const { blocks, problems } = extractBlocks(
      'README.md',
      readme(
        '# Title',
        '',
        '```ts',
        'const a = 1;',
        '```',
        '',
        '```sh',
        'npm test',
        '```',
        '',
        '```js',
        'console.log(2);',
        '```',
        '',
        '```json',
        '{}',
        '```',
        '',
        '````typescript',
        '```',
        '````',
      ),
    );
    expect(problems).toEqual([]);
    expect(blocks.map(({ file, line, language, code }) => ({ file, line, language, code }))).toEqual([
      { file: 'README.md', line: 4, language: 'ts', code: 'const a = 1;\n' },
      { file: 'README.md', line: 12, language: 'js', code: 'console.log(2);\n' },
      { file: 'README.md', line: 20, language: 'ts', code: '```\n' },
    ]);
    expect(blocks.every((block) => block.mode.kind === 'run' && block.setup.length === 0)).toBe(true);
  });

  it('reads a one-line and a multi-line setup, each with the README line of its code', () => {
    const { blocks, problems } = extractBlocks(
      'packages/x/README.md',
      readme(
        'Text.',
        '<!-- readme-test: setup const token = "t"; -->',
        '<!-- readme-test: setup',
        "import { RayClient } from '@synapse/ray';",
        'const ray = new RayClient({ baseUrl: process.env.SYNAPSE_RAY_URL ?? "" });',
        '-->',
        '',
        '```ts',
        'await ray.listActors();',
        '```',
      ),
    );
    expect(problems).toEqual([]);
    expect(blocks[0]?.setup).toEqual([
      { code: 'const token = "t";', line: 2 },
      {
        code: 'import { RayClient } from \'@synapse/ray\';\nconst ray = new RayClient({ baseUrl: process.env.SYNAPSE_RAY_URL ?? "" });',
        line: 4,
      },
    ]);
    expect(blocks[0]?.mode).toEqual({ kind: 'run' });
  });

  it('reads "not run" with its reason, whichever dash or colon comes before it', () => {
    const { blocks, problems } = extractBlocks(
      'README.md',
      readme(
        '<!-- readme-test: not run — needs a real Ray cluster -->',
        '```ts',
        'x;',
        '```',
        '<!-- readme-test: not run: talks to',
        'production -->',
        '```ts',
        'y;',
        '```',
      ),
    );
    expect(problems).toEqual([]);
    expect(blocks.map((block) => block.mode)).toEqual([
      { kind: 'not-run', reason: 'needs a real Ray cluster' },
      { kind: 'not-run', reason: 'talks to production' },
    ]);
  });

  it('refuses "not run" without a reason, naming the README line', () => {
    const { problems } = extractBlocks(
      'README.md',
      readme(
        '',
        '<!-- readme-test: not run -->',
        '```ts',
        'x;',
        '```',
        '<!-- readme-test: not run — -->',
        '```ts',
        '```',
      ),
    );
    expect(problems).toEqual([
      'README.md:2: "not run" needs a reason',
      'README.md:6: "not run" needs a reason',
    ]);
  });

  it('recognises the marker of a block another test keeps identical to a file', () => {
    const { blocks, problems } = extractBlocks(
      'README.md',
      readme(
        '<!-- tested: apps/runtimes/examples/edge-worker.ts -->',
        '',
        '```ts',
        'export default {};',
        '```',
      ),
    );
    expect(problems).toEqual([]);
    expect(blocks[0]?.mode).toEqual({
      kind: 'tested-elsewhere',
      path: 'apps/runtimes/examples/edge-worker.ts',
    });
  });

  it('reports an unknown directive, two modes, a setup for a block tested elsewhere, and a stray directive', () => {
    const { problems } = extractBlocks(
      'README.md',
      readme(
        '<!-- readme-test: skip -->',
        '```ts',
        '```',
        '<!-- readme-test: not run — a reason -->',
        '<!-- tested: a.ts -->',
        '```ts',
        '```',
        '<!-- readme-test: setup const a = 1; -->',
        '<!-- tested: b.ts -->',
        '```ts',
        '```',
        '<!-- readme-test: not run — above text, not a block -->',
        'Some text.',
        '```ts',
        '```',
        '<!-- readme-test: not run — above a shell block -->',
        '```sh',
        '```',
      ),
    );
    expect(problems).toEqual([
      'README.md:1: unknown readme-test directive "skip"',
      'README.md:4: more than one of "not run" and "tested"',
      'README.md:8: a block tested elsewhere takes no setup',
      'README.md:12: a readme-test directive that is not just above a ts or js block',
      'README.md:16: a readme-test directive that is not just above a ts or js block',
    ]);
  });

  it('ignores other comments above a block, and directives separated from it by text', () => {
    const { blocks, problems } = extractBlocks(
      'README.md',
      readme('<!-- install-check: the lines below -->', '```ts', 'a;', '```'),
    );
    expect(problems).toEqual([]);
    expect(blocks[0]?.mode).toEqual({ kind: 'run' });
  });

  it('takes the code of an indented fence (in a list) without its indent', () => {
    const { blocks } = extractBlocks(
      'README.md',
      readme('- item:', '', '  ```ts', '  if (a) {', '    b();', '  }', '  ```'),
    );
    expect(blocks[0]?.code).toBe('if (a) {\n  b();\n}\n');
  });
});

describe('composeModule', () => {
  const [block] = extractBlocks(
    'packages/ray/README.md',
    readme(
      '<!-- readme-test: setup',
      'const a = 1;',
      'const b = 2;',
      '-->',
      '```ts',
      'console.log(a + b);',
      '```',
    ),
  ).blocks;

  it('puts the setup before the code, ends the module with an export, and maps its lines to the README', () => {
    if (!block) throw new Error('no block');
    const module = composeModule(block, 3);
    expect(module.fileName).toBe('block-03.ts');
    expect(module.source).toBe('const a = 1;\nconst b = 2;\nconsole.log(a + b);\nexport {};\n');
    expect([1, 2, 3].map(module.readmeLine)).toEqual([
      'packages/ray/README.md:2',
      'packages/ray/README.md:3',
      'packages/ray/README.md:6',
    ]);
  });

  it('names a block that imports vitest as a test file, for vitest to run', () => {
    const [test] = extractBlocks(
      'README.md',
      readme('```ts', "import { it } from 'vitest';", "it('x', () => {});", '```'),
    ).blocks;
    if (!test || !block) throw new Error('no block');
    expect(isVitestFile(test)).toBe(true);
    expect(isVitestFile(block)).toBe(false);
    expect(composeModule(test, 12).fileName).toBe('block-12.test.ts');
  });
});
