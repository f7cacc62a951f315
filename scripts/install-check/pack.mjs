import { readdirSync, readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit, run } from './exec.mjs';

/** The workspace packages that are published: `packages/*` without `private`. */
export function publishablePackages(root) {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .flatMap((path) => {
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
      } catch {
        return [];
      }
      return manifest.private ? [] : [{ name: manifest.name, version: manifest.version, dir: path }];
    });
}

/** A package's tarball name without its version (`@synapse/core` → `synapse-core.tgz`), so install lines last. */
export const tarballName = (name) => `${name.replace('@', '').replace('/', '-')}.tgz`;

/** `pnpm pack`s each package into `destination` as `tarballName(name)`; returns name → tarball path. */
export async function packAll(packages, destination) {
  const tarballs = await mapLimit(packages, 3, async (pkg) => {
    const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', destination], {
      cwd: pkg.dir,
    });
    const packed = JSON.parse(stdout).filename;
    const target = join(destination, tarballName(pkg.name));
    await rename(packed, target);
    return [pkg.name, target];
  });
  return new Map(tarballs);
}

/** Files every tarball must hold beside those its `files` names: npm and pnpm pack a LICENSE beside package.json. */
const REQUIRED_FILES = ['package/LICENSE'];

async function missingFiles(tarball) {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const entries = new Set(stdout.split('\n'));
  return REQUIRED_FILES.filter((file) => !entries.has(file));
}

/**
 * publint (strict) and are-the-types-wrong on each tarball (both read only the tarball, no network), and the
 * files each must hold.
 */
export async function lintTarballs(root, tarballs) {
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  const problems = [];
  await mapLimit([...tarballs], 2, async ([name, tarball]) => {
    const missing = await missingFiles(tarball);
    if (missing.length > 0) problems.push(`${name}: the tarball lacks ${missing.join(', ')}`);
    for (const [tool, args] of [
      ['publint', ['run', tarball, '--strict']],
      ['attw', [tarball, '--format', 'ascii']],
    ]) {
      try {
        await run(bin(tool), args, { env: { NO_COLOR: '1', FORCE_COLOR: '0' } });
      } catch (error) {
        problems.push(`${tool} ${name}:\n${error.message}`);
      }
    }
  });
  return problems;
}
