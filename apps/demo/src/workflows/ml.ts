import { rm } from 'node:fs/promises';
import type { Workflow } from '../context.js';
import { writeLargeFile } from '../files.js';
import { formatBytes } from '../printer.js';
import { prepare } from '../steps.js';

const MODEL_MIB = 12;
const CHUNK_SIZE = 4 * 1024 * 1024;

export const mlWorkflow: Workflow = {
  title: 'ML: a model from a file through the chunked upload, ground-truth events',
  async run({ backend, print, settings, step, workDir }) {
    const path = await prepare('write the model weights', () =>
      writeLargeFile(workDir, 'weights.pt', MODEL_MIB),
    );
    const bar = print.progress('weights.pt');
    try {
      const model = await step(
        'create a model',
        "backend.createModel({ file: path, name: 'demo-detector', … }, { chunkSize, onProgress })",
        () =>
          backend.createModel(
            { file: path, name: 'demo-detector', description: 'created by the Synapse SDK demo' },
            { chunkSize: CHUNK_SIZE, onProgress: (p) => bar.update(p) },
          ),
      );
      bar.stop();
      print.ok(
        `model ${model.id} "${model.name ?? ''}": weights.pt (${formatBytes(MODEL_MIB * 1024 * 1024)}) through the chunked upload, ${MODEL_MIB / 4} chunks`,
      );
      const fetched = await step('get the model', 'backend.getModel(model.id)', () =>
        backend.getModel(model.id),
      );
      print.ok(`model ${fetched.id} file at ${fetched.file ?? '(none)'}`);
    } finally {
      bar.stop();
      await rm(path, { force: true });
    }

    const version = await step(
      'get a ground-truth version',
      'backend.getGroundTruthVersion(settings.groundTruthVersionId)',
      () => backend.getGroundTruthVersion(settings.groundTruthVersionId),
    );
    print.ok(`ground-truth version ${version.id}`);
    const events = await step(
      'list ground-truth events',
      'backend.listGroundTruthEvents({ ground_truth_dataset_versions: version.id }, …)',
      () => backend.listGroundTruthEvents({ ground_truth_dataset_versions: version.id }, { listAll: true }),
    );
    const ids: number[] = [];
    for await (const event of events) ids.push(event.id);
    print.ok(
      `ground-truth events of version ${version.id}: ${ids.join(', ') || 'none'} (${events.count} in all)`,
    );
  },
};
