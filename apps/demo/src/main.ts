import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsonPrinter } from './json-printer.js';
import { type DemoOptions, HELP, type OutputMode, readOptions, UsageError } from './options.js';
import { fatalLine, preflight } from './preflight.js';
import type { Printer } from './printer.js';
import { createQuietPrinter } from './quiet-printer.js';
import { runWorkflows } from './run.js';
import { openServices, type Services } from './services.js';
import { readSettings, SettingsError } from './settings.js';
import { stepRunner } from './steps.js';
import { createTextPrinter } from './text-printer.js';

const PRINTERS: Record<OutputMode, () => Printer> = {
  text: () => createTextPrinter(),
  quiet: () => createQuietPrinter(),
  json: () => createJsonPrinter(),
};

async function main(args: readonly string[]): Promise<number> {
  let options: DemoOptions;
  try {
    options = readOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nRun with --help to see the flags.\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }

  const print = PRINTERS[options.mode]();
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

main(process.argv.slice(2)).then(
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
