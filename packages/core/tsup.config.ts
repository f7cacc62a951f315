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

export default defineConfig({
  entry: ['src/index.ts', 'src/valibot.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  noExternal: ['ofetch', 'ufo', 'destr'],
  esbuildPlugins: [ofetchCreateFetchOnly],
});
