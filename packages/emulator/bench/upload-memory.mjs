#!/usr/bin/env node
// Uploads a large file to a separately spawned emulator in 50 MiB chunks, then prints the emulator's peak RSS
// and the throughput. Usage: node bench/upload-memory.mjs [size in MiB, default 1024] (after `pnpm build`).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MIB = 1024 * 1024;
const CHUNK = 50 * MIB;
const sizeMiB = Number(process.argv[2] ?? 1024);
if (!(sizeMiB > 0)) throw new Error(`Invalid size: ${process.argv[2]}`);
const total = Math.round(sizeMiB * MIB);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const child = spawn(process.execPath, [cli, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const info = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: child.stdout });
  lines.once('line', (line) => resolve(JSON.parse(line)));
  child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
});
const headers = { 'Synapse-Access-Token': `Token ${info.tokens.accessToken}` };

async function stats() {
  return (await fetch(`${info.backendUrl}/__emulator/stats`)).json();
}

// One reusable chunk buffer, refilled per chunk so the bytes differ along the file.
const buffer = Buffer.alloc(CHUNK);
function fillChunk(index, length) {
  const view = buffer.subarray(0, length);
  for (let i = 0; i < length; i += 4096) view.writeUInt32LE((index * 2654435761 + i) >>> 0, i);
  return view;
}

try {
  const before = await stats();
  const md5 = createHash('md5');
  let url = `${info.backendUrl}/chunked_upload/`;
  let offset = 0;
  const started = performance.now();
  for (let index = 0; offset < total; index++) {
    const length = Math.min(CHUNK, total - offset);
    const chunk = fillChunk(index, length);
    md5.update(chunk);
    const form = new FormData();
    form.append('filename', 'bench.bin');
    form.append('file', new Blob([chunk]), 'file');
    const response = await fetch(url, {
      method: 'PUT',
      headers: { ...headers, 'Content-Range': `bytes ${offset}-${offset + length - 1}/${total}` },
      body: form,
    });
    if (!response.ok) throw new Error(`PUT failed: ${response.status} ${await response.text()}`);
    const body = await response.json();
    url = body.url;
    offset = body.offset;
  }
  const done = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ md5: md5.digest('hex') }),
  });
  if (!done.ok) throw new Error(`completion failed: ${done.status} ${await done.text()}`);
  const seconds = (performance.now() - started) / 1000;
  const after = await stats();
  const mb = (bytes) => (bytes / MIB).toFixed(1);
  console.log(
    JSON.stringify({
      uploadedMiB: Number(mb(total)),
      chunkMiB: CHUNK / MIB,
      seconds: Number(seconds.toFixed(2)),
      mibPerSecond: Number((total / MIB / seconds).toFixed(1)),
      emulatorRssBeforeMiB: Number(mb(before.memory.rss)),
      emulatorPeakRssMiB: Number(mb(after.memory.peakRss)),
      emulatorRssAfterMiB: Number(mb(after.memory.rss)),
    }),
  );
} finally {
  child.kill('SIGTERM');
}
