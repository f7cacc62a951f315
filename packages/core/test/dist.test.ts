import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('built entry points', () => {
  it('the ESM build exports the client and errors; BaseClient only from the internal entry', async () => {
    const esm = await import(`${dist}index.js`);
    const internal = await import(`${dist}internal.js`);
    expect(esm.BaseClient).toBeUndefined();
    expect(typeof internal.BaseClient).toBe('function');
    expect(typeof esm.CoreClient.prototype.createChunkedUpload).toBe('function');
    expect(new esm.NotFoundError(404, 'x')).toBeInstanceOf(esm.ClientError);
  });

  it('the CJS build exports the same names, for each entry', async () => {
    for (const entry of ['index', 'internal']) {
      const cjs = createRequire(import.meta.url)(`${dist}${entry}.cjs`);
      const esm = await import(`${dist}${entry}.js`);
      expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
      expect(cjs.isClientError(new cjs.ServerError(500, 'x'))).toBe(true);
      // An error from one build is recognised by the other: the brand is shared.
      expect(esm.isClientError(new cjs.ServerError(500, 'x'))).toBe(true);
    }
  });

  it('the internal entry holds the public one, the very same objects, in each format', async () => {
    const load = createRequire(import.meta.url);
    for (const [index, internal] of [
      [await import(`${dist}index.js`), await import(`${dist}internal.js`)],
      [load(`${dist}index.cjs`), load(`${dist}internal.cjs`)],
    ]) {
      for (const [name, value] of Object.entries(index)) expect(internal[name], name).toBe(value);
      const client = new internal.BaseClient({ baseUrl: 'https://synapse.example', apiToken: 't' });
      await expect(client.exists('nothing')).rejects.toBeInstanceOf(index.ValidationError);
    }
  });
});

describe('dependencies', () => {
  it('ofetch and valibot are imported from their packages, not compiled in; two entry points over shared chunks', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const files = (await readdir(dist)).filter((file) => !file.endsWith('.map')).sort();
    const chunkImporting = async (extension: string, pattern: RegExp) => {
      const chunks = files.filter((file) => /^chunk-\w+\./.test(file) && file.endsWith(extension));
      const texts = await Promise.all(chunks.map((file) => readFile(`${dist}${file}`, 'utf8')));
      return texts.filter((text) => pattern.test(text));
    };
    const esm = await chunkImporting('.js', /^import \{ createFetch \} from "ofetch";$/m);
    const cjs = await chunkImporting('.cjs', /require\(["']ofetch["']\)/);
    expect(esm).toHaveLength(1);
    expect(cjs).toHaveLength(1);
    expect(esm[0]).toMatch(/^import \* as \w+ from "valibot";$/m);
    expect(cjs[0]).toMatch(/require\(["']valibot["']\)/);
    for (const file of files.filter((name) => /\.c?js$/.test(name))) {
      expect(await readFile(`${dist}${file}`, 'utf8'), file).not.toMatch(
        /function createFetch|function safeParse/,
      );
    }
    const entries = files.filter(
      (file) => file !== 'runtime' && !file.startsWith('chunk-') && !/^\w+-[\w-]+\.d\.c?ts$/.test(file),
    );
    expect(entries).toEqual([
      'index.cjs',
      'index.d.cts',
      'index.d.ts',
      'index.js',
      'internal.cjs',
      'internal.d.cts',
      'internal.d.ts',
      'internal.js',
    ]);
  });

  it("the runtime seam's two builds: only Node's reaches undici, and it loads undici on first use", async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const files = (await readdir(`${dist}runtime/`)).filter((file) => !file.endsWith('.map')).sort();
    expect(files).toEqual(
      ['node', 'platform'].flatMap((name) => ['cjs', 'd.cts', 'd.ts', 'js'].map((ext) => `${name}.${ext}`)),
    );
    for (const ext of ['js', 'cjs']) {
      expect(await readFile(`${dist}runtime/node.${ext}`, 'utf8')).toMatch(
        /(import|require)\(["']undici["']\)/,
      );
      expect(await readFile(`${dist}runtime/platform.${ext}`, 'utf8')).not.toMatch(/undici/);
    }
    // The main chunk picks one of them through the package's own `imports` map.
    const chunks = (await readdir(dist)).filter((file) => /^chunk-\w+\.c?js$/.test(file));
    const texts = await Promise.all(chunks.map((chunk) => readFile(`${dist}${chunk}`, 'utf8')));
    expect(texts.filter((text) => /["']#runtime["']/.test(text))).toHaveLength(2);
  });

  it("the platform build links none of Node's modules and loads spark-md5 when it first hashes", async () => {
    const { readFile } = await import('node:fs/promises');
    for (const ext of ['js', 'cjs']) {
      const platform = await readFile(`${dist}runtime/platform.${ext}`, 'utf8');
      expect(platform).not.toMatch(/["'](node:)?(fs|crypto|os|path|stream|worker_threads|zlib)(\/\w+)?["']/);
      expect(platform).toMatch(
        ext === 'js' ? /\bimport\(["']spark-md5["']\)/ : /require\(["']spark-md5["']\)/,
      );
      expect(platform).not.toMatch(/^import .* from ["']spark-md5["']/m);
    }
  });

  it("an error raised in Node's build of the seam is the entry's own class", async () => {
    // In a process of its own: these tests resolve `#runtime` to the sources, a user's Node to the build.
    const script = (load: string) => `
      const core = ${load};
      const client = new core.CoreClient({ baseUrl: 'https://synapse.example', apiToken: 't' });
      client.createChunkedUpload('/no/such/file.bin').catch((e) =>
        console.log(JSON.stringify([e instanceof core.ValidationError, e.message])));`;
    const run = promisify(execFile);
    for (const [load, type] of [
      [`await import(${JSON.stringify(`${dist}index.js`)})`, 'module'],
      [`require(${JSON.stringify(`${dist}index.cjs`)})`, 'commonjs'],
    ]) {
      const { stdout } = await run(process.execPath, [`--input-type=${type}`, '-e', script(load as string)]);
      expect(JSON.parse(stdout)).toEqual([true, 'file: file "/no/such/file.bin" does not exist']);
    }
  });

  it('exports the main and the internal entry points (`@synapse/core/valibot` is gone: import valibot)', () => {
    const manifest = createRequire(import.meta.url)('../package.json');
    expect(Object.keys(manifest.exports)).toEqual(['.', './internal', './package.json']);
    // For TypeScript's node10 resolution, which reads no `exports`.
    expect(manifest.typesVersions).toEqual({ '*': { internal: ['./dist/internal.d.ts'] } });
    expect(manifest.dependencies).toMatchObject({ ofetch: expect.any(String), valibot: expect.any(String) });
  });

  it('schemas built with valibot are parsed by core, across the ESM and CJS builds', async () => {
    const v = await import('valibot');
    const cjsV = createRequire(import.meta.url)('valibot');
    const esmCore = await import(`${dist}internal.js`);
    const cjsCore = createRequire(import.meta.url)(`${dist}internal.cjs`);
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
