#!/usr/bin/env node
// Chunked upload benchmark: generates a file, times an MD5 pass over it (the local bound), then uploads it from
// a separate client process to the emulator (or, with --server sink, to a server that only counts bytes) running
// in a process of its own. Prints the throughput, the ratio to the MD5-only time and the client's peak RSS.
//
//   pnpm --filter @synapse/emulator --filter @synapse/core build
//   pnpm --filter @synapse/core bench -- --sizes 256,1024,4096 [--server emulator|sink] [--chunk-mib 50]
import { execFile, spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { open, rm, statfs } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const MIB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1024' },
    server: { type: 'string', default: 'emulator' },
    'chunk-mib': { type: 'string', default: '50' },
    dir: { type: 'string', default: tmpdir() },
  },
});
const sizes = values.sizes.split(',').map(Number);
const chunkBytes = Math.round(Number(values['chunk-mib']) * MIB);

async function makeFile(path, bytes) {
  const handle = await open(path, 'w');
  const buffer = Buffer.allocUnsafe(4 * MIB);
  for (let at = 0; at < bytes; at += buffer.length) {
    const piece = buffer.subarray(0, Math.min(buffer.length, bytes - at));
    randomFillSync(piece);
    await handle.write(piece, 0, piece.length, at);
  }
  await handle.close();
}

/** The local bound: one MD5 pass over the file, read with a 1 MiB buffer (as the client reads it). */
async function md5Pass(path) {
  const started = performance.now();
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(MIB);
  const hash = createHash('md5');
  for (let at = 0; ; ) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
  await handle.close();
  return { seconds: (performance.now() - started) / 1000, md5: hash.digest('hex') };
}

function startServer() {
  const script =
    values.server === 'sink'
      ? fileURLToPath(new URL('./sink-server.mjs', import.meta.url))
      : join(
          createRequire(import.meta.url).resolve('@synapse/emulator/package.json'),
          '..',
          'dist',
          'cli.js',
        );
  const child = spawn(process.execPath, [script, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, ...JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`the ${values.server} server exited with ${code}`)));
  });
}

async function serverPeakRss(server) {
  if (values.server === 'sink') return undefined;
  const stats = await (await fetch(`${server.backendUrl}/__emulator/stats`)).json();
  return stats.memory.peakRss;
}

const client = fileURLToPath(new URL('./upload-client.mjs', import.meta.url));
const run = promisify(execFile);
const free = await statfs(values.dir);
const needed = Math.max(...sizes) * MIB * (values.server === 'sink' ? 1 : 2);
if (free.bavail * free.bsize < needed + 2 * 1024 * MIB) {
  throw new Error(
    `not enough free space in ${values.dir} for ${Math.max(...sizes)} MiB (and the server's copy)`,
  );
}

const rows = [];
for (const sizeMiB of sizes) {
  const path = join(values.dir, `synapse-upload-bench-${process.pid}-${sizeMiB}.bin`);
  const server = await startServer();
  try {
    await makeFile(path, sizeMiB * MIB);
    const before = await md5Pass(path);
    const { stdout } = await run(process.execPath, [
      client,
      path,
      server.backendUrl,
      server.tokens.accessToken,
      String(chunkBytes),
    ]);
    const upload = JSON.parse(stdout);
    const after = await md5Pass(path);
    if (upload.md5 !== undefined && upload.md5 !== before.md5)
      throw new Error('the server stored other bytes');
    const md5Seconds = Math.min(before.seconds, after.seconds);
    const row = {
      server: values.server,
      sizeMiB,
      chunkMiB: chunkBytes / MIB,
      uploadSeconds: +upload.seconds.toFixed(2),
      mibPerSecond: +(sizeMiB / upload.seconds).toFixed(1),
      md5OnlySeconds: +md5Seconds.toFixed(2),
      uploadOverMd5: +(upload.seconds / md5Seconds).toFixed(2),
      clientPeakRssMiB: +(upload.peakRssBytes / MIB).toFixed(1),
      serverPeakRssMiB: (await serverPeakRss(server)) / MIB || undefined,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  } finally {
    server.child.kill('SIGTERM');
    await rm(path, { force: true });
  }
}
console.log('\n| size | upload | MiB/s | MD5 only | upload / MD5 | client peak RSS |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.sizeMiB} MiB | ${r.uploadSeconds} s | ${r.mibPerSecond} | ${r.md5OnlySeconds} s | ${r.uploadOverMd5}× | ${r.clientPeakRssMiB} MiB |`,
  );
}
