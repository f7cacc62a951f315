#!/usr/bin/env node
// Minified + gzipped ESM size of an app that imports only AnnotationClient, and of one that imports BackendClient,
// bundled with esbuild for the browser with its defaults: no externals, no conditions of ours (a browser build
// resolves core's `#runtime` to the platform build, which links none of Node's modules).
// Prints both with their budgets and exits non-zero when one is over. Run after `pnpm turbo run build`.
// Each budget is the size measured when it was set plus 10 %: a guard against growth, not a target.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const KiB = 1024;
const here = fileURLToPath(new URL('.', import.meta.url));

export const APPS = [
  {
    name: 'AnnotationClient',
    source: "import { AnnotationClient } from '@synapse/annotation'; console.log(AnnotationClient);",
    // 17.6 KiB measured (18,072 bytes)
    budget: 19.4 * KiB,
  },
  {
    name: 'BackendClient',
    source: "import { BackendClient } from '@synapse/sdk'; console.log(BackendClient);",
    // 30.9 KiB measured (31,689 bytes): spark-md5 comes with the data client's chunked upload, and the bulk
    // upload's pipeline, journal and shards with uploadDataCollection (28.1 KiB when this budget was
    // first set)
    budget: 34 * KiB,
  },
];

export async function appSize(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: here, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    metafile: true,
    outfile: 'app.js',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(result.metafile.outputs['app.js'].inputs)
    .map(([file, { bytesInOutput }]) => ({
      file: file.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, ''),
      bytes: bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

export async function measureBundles() {
  const rows = [];
  for (const app of APPS) rows.push({ ...app, ...(await appSize(app.source)) });
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kib = (bytes) => `${(bytes / KiB).toFixed(1)} KiB`;
  let over = false;
  for (const row of await measureBundles()) {
    const ok = row.gzipped <= row.budget;
    over ||= !ok;
    console.log(
      `${row.name}: ${kib(row.minified)} minified, ${kib(row.gzipped)} gzipped (budget ${kib(row.budget)}) ${ok ? 'PASS' : 'FAIL'}`,
    );
    for (const input of row.inputs.slice(0, 6))
      console.log(`  ${kib(input.bytes).padStart(10)}  ${input.file}`);
  }
  process.exit(over ? 1 : 0);
}
