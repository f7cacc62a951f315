import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './exec.mjs';

const FIXTURES = new URL('./fixtures/', import.meta.url);

/**
 * A consumer project in `dir` with the fixture scripts of `fixture` copied in, set up by `installLine` (a README
 * line, run by bash as a user's shell would; the @synapse tarballs' other dependencies come from the registry).
 */
export async function createProject(dir, fixture, installLine) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `install-check-${fixture}`, version: '1.0.0', private: true }, null, 2)}\n`,
  );
  await cp(new URL(`${fixture}/`, FIXTURES), dir, { recursive: true });
  await run('bash', ['-c', `${installLine} --no-audit --no-fund --prefer-offline --loglevel=error`], {
    cwd: dir,
  });
}

/** The @synapse packages present in the project's node_modules. */
export async function installedSynapsePackages(dir) {
  const names = await readdir(join(dir, 'node_modules', '@synapse')).catch(() => []);
  return names.map((name) => `@synapse/${name}`).sort();
}

/** Runs the ESM and CJS fixture scripts against the emulator (`endpoints.json`); returns what they printed. */
export async function runScripts(dir, endpoints) {
  await writeFile(join(dir, 'endpoints.json'), JSON.stringify(endpoints));
  const lines = [];
  for (const script of ['check.mjs', 'check.cjs']) {
    const { stdout } = await run(process.execPath, [script], { cwd: dir });
    lines.push(stdout.trim());
  }
  return lines;
}

/**
 * Type-checks the fixtures as a consumer would compile them (NodeNext: `.mts` sees the `import` types, `.cts`
 * the `require` ones), with the workspace's TypeScript and Node types.
 */
export async function typeCheck(dir, root) {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
    },
    files: ['check-esm.mts', 'check-cjs.cts'],
  };
  await writeFile(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir]);
}
