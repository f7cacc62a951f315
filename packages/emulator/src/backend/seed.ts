import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from './state.js';
import { now } from './state.js';

function writeMedia(backend: Backend, kind: string, id: number, name: string, bytes: string) {
  const dir = join(backend.mediaDir, kind, String(id));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const digest = (algorithm: string) => createHash(algorithm).update(bytes).digest('hex');
  return {
    path,
    mediaPath: `${kind}/${id}/${name}`,
    size: Buffer.byteLength(bytes),
    md5: digest('md5'),
    sha1: digest('sha1'),
  };
}

/**
 * The demo data set. Every id starts at 1: project 1, data collection 1 (file specifications 1–2), data files
 * 1–3, data units 1–3, tasks 1–3, task tags 1–2, assignments 1–2, storage 1, plugin 1 with release 1, job 1
 * (succeeded), model 1, ground truth dataset version 1 with events 1–2.
 */
export function seed(backend: Backend): void {
  const { state } = backend;
  const created = now();
  state.dataCollections.insert((id) => ({
    id,
    name: 'Demo images',
    category: 'image',
    file_specifications: [
      { id: 1, name: 'image_1', file_type: 'image', is_required: true, is_primary: true },
      { id: 2, name: 'meta_1', file_type: 'data', is_required: false, is_primary: false },
    ],
    created,
  }));
  state.projects.insert((id) => ({
    id,
    title: 'Demo project',
    description: 'Seeded by the Synapse emulator',
    data_collection: 1,
    created,
  }));
  state.taskTags.insert((id) => ({ id, project: 1, name: 'urgent', color: '#e5484d' }));
  state.taskTags.insert((id) => ({ id, project: 1, name: 'review', color: '#3e63dd' }));
  for (let n = 1; n <= 3; n++) {
    const name = `sample-${n}.json`;
    const stored = writeMedia(
      backend,
      'data_files',
      n,
      name,
      `${JSON.stringify({ sample: n, label: `item ${n}` })}\n`,
    );
    const file = state.dataFiles.insert((id) => ({
      id,
      filename: name,
      meta: { filename: name },
      created,
      ...stored,
    }));
    state.dataFilesByChecksum.set(file.sha1, file);
    state.dataFilesByChecksum.set(file.md5, file);
    const unit = state.dataUnits.insert((id) => ({
      id,
      data_collection: 1,
      meta: { name: `unit-${n}` },
      files: { image_1: { checksum: file.sha1, path: name, file_type: 'image' } },
      created,
    }));
    state.tasks.insert((id) => ({
      id,
      project: 1,
      data_unit: unit.id,
      status: n === 3 ? 'completed' : 'pending',
      assignee: null,
      tags: n === 1 ? [1] : [],
      data: {},
      extra: {},
      created,
    }));
  }
  for (const task of [1, 2]) {
    state.assignments.insert((id) => ({
      id,
      project: 1,
      task,
      user: 1,
      status: 'pending',
      tags: [],
      data: {},
      created,
    }));
  }
  state.storages.insert((id) => ({
    id,
    name: 'Emulator storage',
    category: 'internal',
    provider: 'file_system',
    configuration: { location: backend.mediaDir },
    is_default: true,
  }));
  state.plugins.insert((id) => ({
    id,
    code: 'demo-plugin',
    name: 'Demo plugin',
    category: 'neural_net',
    fields: {},
    created,
  }));
  state.pluginReleases.insert((id) => ({
    id,
    plugin: 1,
    version: '1.0.0',
    fields: { config: { actions: { train: {} } } },
    mediaPath: null,
    path: null,
    created,
  }));
  state.jobs.insert((id) => ({
    id,
    plugin: 1,
    plugin_release: 1,
    action: 'train',
    params: {},
    status: 'succeeded',
    progress_record: { current: 1, total: 1, percent: 100 },
    metrics_record: { accuracy: 0.9 },
    result: { ok: true },
    console_logs: [{ time: created, level: 'info', message: 'Seeded job finished' }],
    created,
    started_at: created,
    finished_at: created,
  }));
  const model = writeMedia(backend, 'models', 1, 'demo-model.bin', 'demo model weights\n');
  state.models.insert((id) => ({
    id,
    name: 'Demo model',
    path: model.path,
    mediaPath: model.mediaPath,
    size: model.size,
    checksum: model.md5,
    fields: { plugin: 1, job: 1 },
    created,
  }));
  state.groundTruthVersions.insert((id) => ({
    id,
    ground_truth_dataset: 1,
    name: 'Demo ground truth',
    version: '1',
    created,
  }));
  for (const unit of [1, 2]) {
    state.groundTruthEvents.insert((id) => ({
      id,
      ground_truth_dataset_version: 1,
      data_unit: unit,
      data: { label: `item ${unit}` },
      created,
    }));
  }
}
