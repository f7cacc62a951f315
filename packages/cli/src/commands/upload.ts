import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isAbortError, isClientError } from '@synapse/core';
import type { DataCollection, DataCollectionClient } from '@synapse/data';
import type { Command } from 'commander';
import { backendClients, type CommandContext } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { checkManifest, recordsFromManifest } from '../upload/manifest.js';
import { UploadReporter } from '../upload/reporter.js';
import { checkSources, fileKey, recordsFromSources } from '../upload/sources.js';
import { chooseSpec, namedSpecs } from '../upload/spec.js';
import { positiveId } from './get.js';

/**
 * The CLI's batch size, below the SDK's 1,000: a data unit (and the journal line) follows its file within a
 * batch, so smaller batches make the progress move steadily, lose less work to a kill, and keep fewer records in
 * memory (the SDK holds about two batches).
 */
const DEFAULT_BATCH_SIZE = 100;

interface UploadFlags {
  collection: string;
  project?: string;
  concurrency?: string;
  batchSize: string;
  journal?: string;
  spec?: string;
  manifest?: string;
  shard?: string;
  json?: boolean;
  report?: string;
}

/** `--shard i/n` → `{ index, count }` with 0 ≤ i < n. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index >= count) {
    throw new CliError(`--shard must be i/n with 0 <= i < n (e.g. 0/4), got "${text}"`);
  }
  return { index, count };
}

async function fetchCollection(
  data: DataCollectionClient,
  id: number,
  signal: AbortSignal,
): Promise<DataCollection> {
  try {
    return await data.getDataCollection(id, { signal });
  } catch (error) {
    if (isClientError(error) && error.status === 404) {
      throw new CliError(`Data collection ${id} not found`, ExitCode.notFound);
    }
    throw error;
  }
}

async function checkManifestFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) throw new CliError(`No such manifest file: ${path}`);
}

/**
 * `synapse upload`: each file becomes one data unit (under the primary file specification, or `--spec`), or
 * each manifest line one data unit of several files; with `--project`, one task per data unit. Everything given
 * is checked before the first request; then the records stream into the SDK's bulk upload.
 */
export function registerUpload(program: Command, context: CommandContext): void {
  program
    .command('upload')
    .description('upload files as data units of a collection (one per file, or one per manifest line)')
    .argument('[paths...]', 'folders (walked recursively) and files')
    .requiredOption('--collection <id>', 'data collection id')
    .option('--project <id>', 'also create one task per data unit in this project')
    .option('--spec <name>', 'file specification for the files (default: the primary one)')
    .option('--manifest <file>', 'JSON lines, one {"files": {spec: path}, "meta"?: {…}} per data unit')
    .option('--concurrency <n>', 'records uploading at once')
    .option('--batch-size <n>', 'data units created per request', String(DEFAULT_BATCH_SIZE))
    .option('--journal <file>', 'record finished files here; run again with the same journal to resume')
    .option('--shard <i/n>', 'upload only shard i of n (stable by path), e.g. one machine each')
    .option('--json', 'print one JSON line per record and a summary line on stdout')
    .option('--report <file>', 'write the per-record JSON lines to this file')
    .action(async (paths: string[], flags: UploadFlags, command: Command) => {
      const collectionId = positiveId(flags.collection, '--collection');
      const projectId = flags.project === undefined ? undefined : positiveId(flags.project, '--project');
      const concurrency =
        flags.concurrency === undefined ? undefined : positiveId(flags.concurrency, '--concurrency');
      const batchSize =
        flags.batchSize === undefined ? undefined : positiveId(flags.batchSize, '--batch-size');
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
      if (paths.length > 0 === (flags.manifest !== undefined)) {
        throw new CliError('Give either folders/files to upload or --manifest FILE (not both)');
      }
      const sources = await checkSources(paths);
      const manifest = flags.manifest === undefined ? undefined : resolve(flags.manifest);
      if (manifest !== undefined) await checkManifestFile(manifest);

      const data = await (await backendClients(context, command))('data');
      const collection = await fetchCollection(data, collectionId, context.signal);
      const spec = chooseSpec(collection, flags.spec);
      const specs = new Set(namedSpecs(collection).map((s) => s.name as string));
      const manifestCount = manifest === undefined ? undefined : await checkManifest(manifest, specs);
      const journal = flags.journal === undefined ? undefined : resolve(flags.journal);
      const report = flags.report === undefined ? undefined : resolve(flags.report);
      const exclude = new Set([journal, report].filter((path): path is string => path !== undefined));
      const records =
        manifest === undefined
          ? recordsFromSources(sources, spec, exclude)
          : recordsFromManifest(manifest, specs);

      // The bar's total, when known before the walk: a shard's share is not.
      const known = sources.every((source) => !source.folder) ? sources.length : undefined;
      const total = shard === undefined ? (manifestCount ?? known) : undefined;
      const reporter = new UploadReporter(context.io, {
        json: flags.json === true,
        reportFile: report,
        total,
      });
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        await data.uploadDataCollection(collectionId, records, projectId, {
          ...(concurrency === undefined ? {} : { concurrency }),
          batchSize,
          ...(journal === undefined ? {} : { journal }),
          ...(shard === undefined ? {} : { shard }),
          ...(manifest === undefined ? { key: fileKey } : {}),
          signal: context.signal,
          onItem: reporter.item,
          onProgress: reporter.progress,
        });
      } catch (error) {
        await reporter.finish(seconds(), isAbortError(error));
        if (isAbortError(error) && journal !== undefined) {
          throw new CliError(
            'Interrupted. Run the same command again to resume from the journal.',
            ExitCode.interrupted,
          );
        }
        throw error;
      }
      await reporter.finish(seconds(), false);
      if (reporter.counts.failed > 0) context.exitCode = ExitCode.failed;
    });
}
