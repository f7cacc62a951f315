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

describe('dependencies', () => {
  it('ofetch and valibot are imported from their packages, not compiled in; one entry point, no chunks', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const esm = await readFile(`${dist}index.js`, 'utf8');
    const cjs = await readFile(`${dist}index.cjs`, 'utf8');
    expect(esm).toMatch(/^import \{ createFetch \} from "ofetch";$/m);
    expect(esm).toMatch(/^import \* as \w+ from "valibot";$/m);
    expect(cjs).toContain('require("ofetch")');
    expect(cjs).toContain('require("valibot")');
    for (const code of [esm, cjs]) expect(code).not.toMatch(/function createFetch|function safeParse/);
    const files = (await readdir(dist)).filter((file) => !file.endsWith('.map')).sort();
    expect(files).toEqual(['index.cjs', 'index.d.cts', 'index.d.ts', 'index.js']);
  });

  it('exports only the main entry point (`@synapse/core/valibot` is gone: import valibot)', () => {
    const manifest = createRequire(import.meta.url)('../package.json');
    expect(Object.keys(manifest.exports)).toEqual(['.', './package.json']);
    expect(manifest.typesVersions).toBeUndefined();
    expect(manifest.dependencies).toMatchObject({ ofetch: expect.any(String), valibot: expect.any(String) });
  });

  it('schemas built with valibot are parsed by core, across the ESM and CJS builds', async () => {
    const v = await import('valibot');
    const cjsV = createRequire(import.meta.url)('valibot');
    const esmCore = await import(`${dist}index.js`);
    const cjsCore = createRequire(import.meta.url)(`${dist}index.cjs`);
    for (const [schemas, core] of [
      [v, cjsCore],
      [cjsV, esmCore],
    ]) {
      const schema = schemas.looseObject({ id: schemas.number() });
      expect(core.parseInput(schema, { id: 1, extra: true }, 'task')).toEqual({ id: 1, extra: true });
      expect(() => core.parseInput(schema, { id: 'x' }, 'task')).toThrow(core.ValidationError);
    }
  });
});
