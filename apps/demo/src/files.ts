import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';

const MiB = 1024 * 1024;

/** Writes a file of `sizeMiB` MiB of varied bytes, one MiB at a time, and returns its path. */
export async function writeLargeFile(folder: string, name: string, sizeMiB: number): Promise<string> {
  const path = join(folder, name);
  const out = createWriteStream(path);
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < sizeMiB; i += 1) {
    for (let offset = 0; offset < MiB; offset += 4) block.writeUInt32LE((i * MiB + offset) >>> 0, offset);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

/** A minimal Synapse plugin archive (config, entry point, requirements), zipped; returns its path. */
export async function writePluginZip(folder: string, code: string): Promise<string> {
  const config = [
    `name: Demo plugin`,
    `code: ${code}`,
    'version: 0.1.0',
    'category: neural_net',
    'actions:',
    '  train:',
    '    entrypoint: plugin.train.main',
    '',
  ].join('\n');
  const train = [
    'def main(params):',
    "    for epoch in range(params.get('epochs', 1)):",
    "        print(f'epoch {epoch + 1}')",
    '',
  ].join('\n');
  const archive = zipSync({
    'config.yaml': strToU8(config),
    'requirements.txt': strToU8('synapse-sdk\n'),
    plugin: { '__init__.py': strToU8(''), 'train.py': strToU8(train) },
  });
  const path = join(folder, `${code}.zip`);
  await writeFile(path, archive);
  return path;
}
