// Packs every published package into packs/ at the repository's root, one tarball each named without its version
// (`synapse-core.tgz`), for installing before the first release: the README's "Before the first release" lines.
// Run through `npm run packs`, which installs and builds first.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packAll, publishablePackages } from './install-check/pack.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const destination = join(ROOT, 'packs');

await mkdir(destination, { recursive: true });
for (const file of await readdir(destination)) {
  if (file.endsWith('.tgz')) await rm(join(destination, file));
}
const tarballs = await packAll(publishablePackages(ROOT), destination);
for (const path of [...tarballs.values()].sort()) console.log(path);
console.log(
  `packed ${tarballs.size} packages into ${destination}: see the README's "Before the first release"`,
);
