import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fatalLine, preflight } from './preflight.js';
import { runWorkflows } from './run.js';
import { openServices, type Services } from './services.js';
import { readSettings, SettingsError } from './settings.js';
import { stepRunner } from './steps.js';
import { createTextPrinter } from './text-printer.js';

async function main(): Promise<number> {
  const print = createTextPrinter();
  let services: Services | undefined;
  let backendUrl = process.env.SYNAPSE_BASE_URL ?? '';
  try {
    services = await openServices(readSettings(process.env));
    backendUrl = services.settings.backendUrl;
    await preflight(services.backend);
  } catch (error) {
    await services?.close();
    const line = error instanceof SettingsError ? error.message : fatalLine(error, backendUrl);
    if (line === undefined) throw error;
    process.stderr.write(`${line}\n`);
    return 1;
  }

  const workDir = await mkdtemp(join(tmpdir(), 'synapse-demo-'));
  const stop = () => {
    void Promise.allSettled([services?.close(), rm(workDir, { recursive: true, force: true })]).then(() =>
      process.exit(130),
    );
  };
  process.once('SIGINT', stop);
  try {
    return await runWorkflows({ ...services, print, step: stepRunner(print), workDir });
  } finally {
    process.off('SIGINT', stop);
    await services.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `The demo stopped on an unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
