// Writes the declarations of the `@synapse/core/valibot` entry: src/valibot.ts holds only re-exports, so it is
// valid declaration source as it is, and it keeps the difference between `export type *` (every valibot type)
// and the named functions that the bundle really carries.
import { copyFile } from 'node:fs/promises';

const source = new URL('../src/valibot.ts', import.meta.url);
for (const target of ['valibot.d.ts', 'valibot.d.cts']) {
  await copyFile(source, new URL(`../dist/${target}`, import.meta.url));
}
