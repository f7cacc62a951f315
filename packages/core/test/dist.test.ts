import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('built entry points', () => {
  it('the ESM build exports the client and errors', async () => {
    const esm = await import(`${dist}index.js`);
    expect(typeof esm.BaseClient).toBe('function');
    expect(typeof esm.CoreClient.prototype.createChunkedUpload).toBe('function');
    expect(new esm.NotFoundError(404, 'x')).toBeInstanceOf(esm.ClientError);
  });

  it('the CJS build exports the same names', async () => {
    const cjs = createRequire(import.meta.url)(`${dist}index.cjs`);
    const esm = await import(`${dist}index.js`);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(cjs.isClientError(new cjs.ServerError(500, 'x'))).toBe(true);
    // An error from one build is recognised by the other: the brand is shared.
    expect(esm.isClientError(new cjs.ServerError(500, 'x'))).toBe(true);
  });
});

describe('the valibot entry point', () => {
  const declaredFunctions = async () => {
    const { readFile } = await import('node:fs/promises');
    const declarations = await readFile(`${dist}valibot.d.ts`, 'utf8');
    const named = /export \{([^}]*)\} from 'valibot'/.exec(declarations)?.[1] ?? '';
    return named
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .sort();
  };

  it('carries at run time exactly the functions its declarations name, in ESM and CJS', async () => {
    const names = await declaredFunctions();
    expect(names).toContain('looseObject');
    expect(names).toContain('safeParse');
    const esm = await import(`${dist}valibot.js`);
    const cjs = createRequire(import.meta.url)(`${dist}valibot.cjs`);
    expect(Object.keys(esm).sort()).toEqual(names);
    expect(Object.keys(cjs).sort()).toEqual(names);
    for (const name of names) expect(typeof esm[name], name).toBe('function');
  });

  it('declares every valibot type but no other valibot function', async () => {
    const { readFile } = await import('node:fs/promises');
    const declarations = await readFile(`${dist}valibot.d.ts`, 'utf8');
    expect(declarations).toContain("export type * from 'valibot';");
    expect(declarations).not.toMatch(/^export \* from/m);
  });

  it('builds schemas that core parses, across the ESM and CJS builds', async () => {
    const v = await import(`${dist}valibot.js`);
    const cjsCore = createRequire(import.meta.url)(`${dist}index.cjs`);
    const schema = v.looseObject({ id: v.number() });
    expect(cjsCore.parseInput(schema, { id: 1, extra: true }, 'task')).toEqual({ id: 1, extra: true });
    expect(() => cjsCore.parseInput(schema, { id: 'x' }, 'task')).toThrow(cjsCore.ValidationError);
  });
});
