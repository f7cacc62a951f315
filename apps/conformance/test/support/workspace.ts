import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface WorkspacePackage {
  /** Relative to the root, with `/`: `packages/core`; `.` for the root. */
  dir: string;
  manifest: Record<string, unknown>;
}

function readManifest(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Record<string, unknown>;
}

/** The root and every package under `packages/` and `apps/`. */
export function workspacePackages(): WorkspacePackage[] {
  const dirs = ['packages', 'apps'].flatMap((parent) =>
    readdirSync(join(ROOT, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => existsSync(join(ROOT, dir, 'package.json'))),
  );
  return ['.', ...dirs].map((dir) => ({ dir, manifest: readManifest(dir) }));
}

/** The packages that are published: `packages/*` without `private`. */
export function publishedPackages(): WorkspacePackage[] {
  return workspacePackages().filter(
    (pkg) => pkg.dir.startsWith('packages/') && pkg.manifest.private !== true,
  );
}
