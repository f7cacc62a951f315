import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * ofetch is compiled in from its runtime-neutral build, and only its `createFetch`: the package's Node entry
 * loads a fetch polyfill Node 20 does not need, and its main module reads `globalThis.fetch` at load time, which
 * makes Node load its whole fetch implementation on `import` rather than on the first request.
 */
const ofetchCreateFetchOnly: Plugin = {
  name: 'ofetch-create-fetch-only',
  setup(build) {
    build.onResolve({ filter: /^ofetch$/ }, () => ({ path: 'ofetch', namespace: 'ofetch-create-fetch' }));
    build.onLoad({ filter: /.*/, namespace: 'ofetch-create-fetch' }, () => {
      const require = createRequire(import.meta.url);
      const dist = dirname(require.resolve('ofetch/package.json'));
      const main = readFileSync(join(dist, 'dist/index.mjs'), 'utf8');
      const match = /import \{ c as createFetch \} from '(\.\/shared\/[^']+)'/.exec(main);
      if (!match?.[1]) throw new Error('ofetch layout changed: createFetch chunk not found');
      return {
        contents: `export { c as createFetch } from ${JSON.stringify(join(dist, 'dist', match[1]))};`,
        resolveDir: dist,
        loader: 'js',
      };
    });
  },
};

/**
 * ofetch's helpers for features the transport never asks of it: ufo (only for its `baseURL` and `query` options;
 * core builds every URL itself) and destr (only for `responseType: 'json'`; core reads bodies as streams).
 * Small stand-ins keep ~4.6 KiB of minified code out of every bundle; the ufo ones say so if ever reached.
 */
const ofetchHelpers: Plugin = {
  name: 'ofetch-helpers',
  setup(build) {
    build.onResolve({ filter: /^(ufo|destr)$/ }, (args) => ({ path: args.path, namespace: 'ofetch-helper' }));
    build.onLoad({ filter: /.*/, namespace: 'ofetch-helper' }, (args) => ({
      loader: 'js',
      contents:
        args.path === 'ufo'
          ? `const unused = (option) => () => {
  throw new Error('@synapse/core does not use the ' + option + ' option of ofetch');
};
export const withBase = unused('baseURL');
export const withQuery = unused('query');`
          : `export default function destr(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}`,
    }));
  },
};

export default defineConfig({
  entry: ['src/index.ts', 'src/valibot.ts'],
  format: ['esm', 'cjs'],
  // src/valibot.ts is its own declaration file (scripts/valibot-types.mjs copies it): the declaration bundler
  // would turn its `export type *` into `export *`, promising every valibot function at run time.
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  // valibot is bundled too, only the functions src/valibot.ts names; both entries share it through one chunk.
  noExternal: ['ofetch', 'ufo', 'destr', 'valibot'],
  splitting: true,
  // Node 20 has every RegExp feature valibot uses; left as literals, its unused patterns stay removable.
  esbuildOptions(options) {
    options.supported = { ...options.supported, 'regexp-unicode-property-escapes': true };
  },
  esbuildPlugins: [ofetchCreateFetchOnly, ofetchHelpers],
});
