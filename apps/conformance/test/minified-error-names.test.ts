import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Each error class of the umbrella, with arguments its constructor takes. */
const CLASSES: Array<[name: string, args: unknown[]]> = [
  ['SynapseError', ['client', 'm']],
  ...['ClientError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError']
    .concat(['ConflictError', 'RateLimitError', 'ServerError', 'ConnectionError'])
    .map((name): [string, unknown[]] => [name, [500, 'm']]),
  ['ProtocolError', ['m']],
  ['TimeoutError', ['m', { phase: 'read' }]],
  ['ValidationError', ['m']],
  ['AbortError', ['m']],
];
const NAMES = CLASSES.map(([name]) => name);

describe('error names survive a minifier', () => {
  it('every error class of the umbrella, bundled and minified with esbuild, still says its own name', async () => {
    const source = `export { ${NAMES.join(', ')} } from '@synapse/sdk';`;
    const result = await build({
      stdin: { contents: source, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      external: [...builtinModules, 'node:*'],
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    // The minifier did rename the classes: their names are not in the code as identifiers.
    expect(code).not.toMatch(/class NotFoundError\b/);
    const dir = await mkdtemp(join(tmpdir(), 'minified-errors-'));
    try {
      const file = join(dir, 'errors.mjs');
      await writeFile(file, code);
      const errors = (await import(pathToFileURL(file).href)) as Record<
        string,
        new (
          ...args: never[]
        ) => Error
      >;
      for (const [name, args] of CLASSES) {
        const Class = errors[name] as unknown as new (
          ...args: unknown[]
        ) => Error & { toJSON(): { name: string } };
        const error = new Class(...args);
        expect({ name: error.name, json: error.toJSON().name }).toEqual({ name, json: name });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
