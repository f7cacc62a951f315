import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './exec.mjs';

const MARKER = '<!-- install-check: the lines below are the ones the install check runs -->';
/** Where the README's lines say the tarballs are. */
export const README_PACKS = '/path/to/synapse-sdk-ts/packs';

/** The `npm install` lines of the README's "Before the first release", in order. */
export async function readmeInstallLines(root) {
  const text = await readFile(join(root, 'README.md'), 'utf8');
  const at = text.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md has no "${MARKER}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  const lines = (block?.[1] ?? '').split('\n').filter((line) => line.startsWith('npm install '));
  if (lines.length === 0) throw new Error('README.md has no npm install line after its install-check marker');
  return lines;
}

/** A README line with the tarballs in `packs` instead of the README's placeholder path. */
export const withPacks = (line, packs) => line.replaceAll(README_PACKS, packs);

/** The tarball paths a line names, as bash expands them. */
export async function tarballsOf(line) {
  const { stdout } = await run('bash', ['-c', `printf '%s\\n' ${line.slice('npm install '.length)}`]);
  return stdout.trim().split('\n');
}
