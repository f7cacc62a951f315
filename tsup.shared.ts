import { readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type TsupPlugin = NonNullable<Options['plugins']>[number];

/**
 * Rewrites every absolute path in the written `.map` files relative to the map. tsup's CJS code splitting
 * (sucrase, after esbuild) names the chunk it rewrites by its absolute path, which would ship the build
 * machine's directories in `sources` and `file`; esbuild's own paths are relative already.
 */
const relativeSourceMaps: TsupPlugin = {
  name: 'relative-source-maps',
  async buildEnd({ writtenFiles }) {
    for (const { name } of writtenFiles.filter((file) => file.name.endsWith('.map'))) {
      const path = resolve(name);
      const map = JSON.parse(await readFile(path, 'utf8')) as { sources?: string[]; file?: string };
      const fromMap = (source: string) => (isAbsolute(source) ? relative(dirname(path), source) : source);
      map.sources = map.sources?.map(fromMap);
      if (map.file !== undefined) map.file = fromMap(map.file);
      await writeFile(path, JSON.stringify(map));
    }
  },
};

/** How every published package is built: ESM + CJS + type declarations from `src/index.ts`. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  plugins: [relativeSourceMaps],
  // Errors only: a build is one line in turbo's log (its task and hash), not a table of every file's size.
  silent: true,
});
