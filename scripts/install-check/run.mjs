// Installs the packed packages as a user would, outside the workspace, with the README's own install lines ("Before
// the first release"), and checks that they work: `@synapse/core` with `@synapse/annotation` alone, then the
// `@synapse/sdk` umbrella. Run after `pnpm build`; `--keep` keeps the temporary projects for a look.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lintTarballs, packAll, publishablePackages } from './pack.mjs';
import { createProject, installedSynapsePackages, runScripts, typeCheck } from './project.mjs';
import { readmeInstallLines, tarballsOf, withPacks } from './readme-lines.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (text) => console.log(`install-check: ${text} (${elapsed()})`);

/** The fixture each of the README's install lines is checked with, in the README's order. */
const PROJECTS = [
  { fixture: 'annotation', expected: ['@synapse/annotation', '@synapse/core'] },
  {
    fixture: 'sdk',
    expected: [
      '@synapse/agent',
      '@synapse/annotation',
      '@synapse/core',
      '@synapse/data',
      '@synapse/hitl',
      '@synapse/integration',
      '@synapse/ml',
      '@synapse/ray',
      '@synapse/sdk',
    ],
  },
];

async function checkProject(project, line, dir, endpoints) {
  await createProject(dir, project.fixture, line);
  const installed = await installedSynapsePackages(dir);
  const expected = project.expected;
  if (JSON.stringify(installed) !== JSON.stringify(expected)) {
    throw new Error(
      `${project.fixture}: node_modules/@synapse holds ${installed.join(', ')}; expected ${expected.join(', ')}`,
    );
  }
  log(`${project.fixture}: installed ${installed.join(', ')} and nothing else from @synapse`);
  for (const line of await runScripts(dir, endpoints)) log(line);
  await typeCheck(dir, ROOT);
  log(`${project.fixture}: tsc (NodeNext, ESM and CJS types) passed, @ts-expect-error lines rejected`);
}

async function main() {
  const packages = publishablePackages(ROOT);
  const missing = packages.filter((pkg) => !existsSync(join(pkg.dir, 'dist')));
  if (missing.length > 0)
    throw new Error(`build first (pnpm build): no dist in ${missing.map((p) => p.name).join(', ')}`);

  const work = await mkdtemp(join(tmpdir(), 'synapse-install-check-'));
  const emulatorEntry = pathToFileURL(join(ROOT, 'packages', 'emulator', 'dist', 'index.js')).href;
  const { startEmulator } = await import(emulatorEntry);
  const emulator = await startEmulator();
  try {
    await mkdir(join(work, 'tarballs'));
    const tarballs = await packAll(packages, join(work, 'tarballs'));
    log(`packed ${tarballs.size} packages`);
    const lines = (await readmeInstallLines(ROOT)).map((line) => withPacks(line, join(work, 'tarballs')));
    if (lines.length !== PROJECTS.length)
      throw new Error(
        `README.md has ${lines.length} install lines; the install check knows ${PROJECTS.length}`,
      );
    for (const line of lines) {
      const missing = (await tarballsOf(line)).filter((path) => !existsSync(path));
      if (missing.length > 0)
        throw new Error(`README.md's line names tarballs that were not packed: ${missing}`);
    }
    const endpoints = {
      backendUrl: emulator.backendUrl,
      accessToken: emulator.tokens.accessToken,
      agentUrl: emulator.agentUrl,
      agentToken: emulator.tokens.agentToken,
      rayUrl: emulator.rayUrl,
    };
    const [problems] = await Promise.all([
      lintTarballs(ROOT, tarballs).then((found) => {
        if (found.length === 0)
          log(`publint --strict and attw found no problem in ${tarballs.size} tarballs, each holds LICENSE`);
        return found;
      }),
      (async () => {
        for (const [index, project] of PROJECTS.entries())
          await checkProject(project, lines[index], join(work, project.fixture), endpoints);
      })(),
    ]);
    if (problems.length > 0) throw new Error(problems.join('\n\n'));
  } finally {
    await emulator.stop();
    if (!process.argv.includes('--keep')) await rm(work, { recursive: true, force: true });
  }
  log('passed');
}

main().catch((error) => {
  console.error(`install-check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
