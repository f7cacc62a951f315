import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataFile } from '@synapse/sdk';
import type { DemoContext, Workflow } from '../context.js';
import { writeLargeFile } from '../files.js';
import { formatBytes } from '../printer.js';
import { prepare } from '../steps.js';
import { annotateAndReview } from './review.js';

const LARGE_FILE_MIB = 60;
const CHUNK_SIZE = 8 * 1024 * 1024;

/** The names of a collection's file specifications (expanded objects, or bare ids as a fallback). */
function specNames(specs: ReadonlyArray<{ name?: string } | number> | undefined): string[] {
  return (specs ?? []).map((spec) => (typeof spec === 'number' ? `#${spec}` : (spec.name ?? '?')));
}

async function uploadLargeFile({ backend, print, step, workDir }: DemoContext): Promise<DataFile> {
  const path = await prepare('generate a large file', () =>
    writeLargeFile(workDir, 'scan-volume.bin', LARGE_FILE_MIB),
  );
  const bar = print.progress('scan-volume.bin');
  try {
    const file = await step(
      'chunked upload of a data file',
      'backend.createDataFile(path, { chunkSize, onProgress })',
      () => backend.createDataFile(path, { chunkSize: CHUNK_SIZE, onProgress: (p) => bar.update(p) }),
    );
    bar.stop();
    const chunks = Math.ceil((LARGE_FILE_MIB * 1024 * 1024) / CHUNK_SIZE);
    print.ok(
      `data file ${file.id}: scan-volume.bin (${formatBytes(LARGE_FILE_MIB * 1024 * 1024)}) through the chunked upload, ${chunks} chunks of ${formatBytes(CHUNK_SIZE)}`,
    );
    return file;
  } finally {
    bar.stop();
    await rm(path, { force: true });
  }
}

export const dataWorkflow: Workflow = {
  title: 'Data: collections, files, units, tasks, annotation, assignments, tags, models',
  async run(context) {
    const { backend, print, settings, step, workDir } = context;
    const collection = await step(
      'get the data collection',
      'backend.getDataCollection(settings.dataCollectionId)',
      () => backend.getDataCollection(settings.dataCollectionId),
    );
    const names = specNames(collection.file_specifications);
    print.ok(
      `data collection ${collection.id} "${collection.name ?? ''}", file specifications: ${names.join(', ')}`,
    );
    const primary = names[0] ?? 'image_1';

    const smallPath = join(workDir, 'label-hints.json');
    await writeFile(smallPath, JSON.stringify({ camera: 'front', exposure: 0.8 }));
    const small = await step('upload a small data file', 'backend.createDataFile(smallPath)', () =>
      backend.createDataFile(smallPath),
    );
    print.ok(`data file ${small.id}: label-hints.json in one multipart POST, checksum ${small.checksum}`);

    const large = await uploadLargeFile(context);

    const verified = await step(
      'verify checksums',
      'backend.dataFilesVerifyChecksums([small.checksum, large.checksum])',
      () => backend.dataFilesVerifyChecksums([small.checksum, large.checksum]),
    );
    print.ok(`checksums verified: ${JSON.stringify(verified)}`);

    const units = await step(
      'create data units',
      'backend.createDataUnits([{ data_collection, files, meta }, …])',
      () =>
        backend.createDataUnits([
          {
            data_collection: collection.id,
            files: { [primary]: { checksum: small.checksum, path: 'label-hints.json' } },
            meta: { source: 'demo' },
          },
          {
            data_collection: collection.id,
            files: { [primary]: { checksum: large.checksum, path: 'scan-volume.bin' } },
            meta: { source: 'demo' },
          },
        ]),
    );
    print.ok(`data units ${units.map((unit) => unit.id).join(', ')} in data collection ${collection.id}`);
    const listed = await step(
      'list data units',
      'backend.listDataUnits({ data_collection: collection.id }, { listAll: true })',
      () => backend.listDataUnits({ data_collection: collection.id }, { listAll: true }),
    );
    print.ok(`data collection ${collection.id} holds ${listed.count} data units`);

    await annotateAndReview(
      context,
      units.map((unit) => unit.id),
    );
  },
};
