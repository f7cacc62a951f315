import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * A script bundled as an app's build would bundle it, with esbuild's defaults for its platform: no externals, no
 * polyfills, no conditions of ours. Minified, as a production page is (error names must survive it).
 */
export async function bundle(entry: 'page' | 'worker', platform: 'browser' | 'neutral'): Promise<string> {
  const result = await build({
    entryPoints: [`${src}${entry}.ts`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    // What workerd's own bundler (wrangler) asks packages for.
    ...(platform === 'neutral'
      ? { conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'] }
      : {}),
    write: false,
    logLevel: 'silent',
  });
  return (result.outputFiles[0] as { text: string }).text;
}
