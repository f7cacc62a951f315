#!/usr/bin/env node
// The floor under the SDK's upload memory: the same chunks PUT with `undici.request` alone (the SDK's transport on
// Node), read from disk into four reused 1 MiB buffers, nothing hashed; with --worker, beside an idle worker thread (what the SDK's MD5 thread
// costs before it hashes anything). Prints what upload-client.mjs prints.
// Usage: node transport-floor-client.mjs <file> <backendUrl> <accessToken> <chunkBytes> [--worker]
import { open, stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { request } from 'undici';

const [file, baseUrl, accessToken, chunk, flag] = process.argv.slice(2);
const chunkBytes = Number(chunk);
const worker =
  flag === '--worker'
    ? new Worker("require('node:worker_threads').parentPort.on('message', () => {})", { eval: true })
    : undefined;
const ring = Array.from({ length: 4 }, () => new Uint8Array(1024 * 1024));
async function* bytes(handle, start, end) {
  for (let at = start, turn = 0; at < end; turn++) {
    const buffer = ring[turn % ring.length];
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.byteLength, end - at), at);
    at += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
const { size } = await stat(file);
const handle = await open(file);
let url = `${baseUrl}/chunked_upload/`;
for (let start = 0; start < size; start += chunkBytes) {
  const end = Math.min(size, start + chunkBytes);
  const reply = await request(url, {
    method: 'PUT',
    headers: {
      authorization: `Token ${accessToken}`,
      'content-length': String(end - start),
      'content-range': `bytes ${start}-${end - 1}/${size}`,
    },
    body: bytes(handle, start, end),
  });
  url = (await reply.body.json()).url;
}
await handle.close();
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await worker?.terminate();
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
