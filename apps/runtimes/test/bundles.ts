import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * A script (a path under apps/runtimes) bundled as an app's build would bundle it, with esbuild's defaults for its
 * platform: no externals, no polyfills, no conditions of ours. Minified, as a production page is (error names must
 * survive it). `define` sets build-time constants.
 */
export async function bundle(
  entry: string,
  platform: 'browser' | 'worker',
  define: Record<string, string> = {},
): Promise<string> {
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    minify: true,
    format: 'esm',
    // What workerd's own bundler (wrangler) asks packages for.
    ...(platform === 'worker'
      ? { platform: 'neutral', conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'] }
      : { platform: 'browser' }),
    define: Object.fromEntries(Object.entries(define).map(([name, value]) => [name, JSON.stringify(value)])),
    write: false,
    logLevel: 'silent',
  });
  return (result.outputFiles[0] as { text: string }).text;
}
