#!/usr/bin/env node
// Chunked upload benchmark: generates a file, times an MD5 pass over it (the local bound), then uploads it from
// a separate client process to the emulator (or, with --server sink, to a server that only counts bytes) running
// in a process of its own. Prints the throughput, the ratio to the MD5-only time, the client's peak RSS, and the
// CPU time each process spent: on a machine with few cores, (client + server CPU) / cores is a floor under the
// upload's time, given what these two processes do per byte. With --python, the Python client's upload loop
// (python-reference-upload.py, needs python3 with requests) uploads the same file to a fresh server too. With
// --floor, the same chunks are PUT with undici alone, without and beside an idle worker thread
// (transport-floor-client.mjs): the peak RSS no client of that transport and hashing thread goes below.
//
//   pnpm --filter @synapse/emulator --filter @synapse/core build
//   pnpm --filter @synapse/core bench -- --sizes 256,1024,4096 [--server emulator|sink] [--chunk-mib 50] [--python]
//     [--floor]
import { execFile, spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { open, readFile, rm, statfs } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
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
    python: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
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
      : fileURLToPath(new URL('../../emulator/dist/cli.js', import.meta.url));
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

/** CPU seconds a process has used so far, from /proc (Linux; undefined elsewhere). 100 ticks a second. */
async function processCpuSeconds(pid) {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const floorClient = fileURLToPath(new URL('./transport-floor-client.mjs', import.meta.url));
const clients = {
  sdk: [process.execPath, fileURLToPath(new URL('./upload-client.mjs', import.meta.url))],
  python: ['python3', fileURLToPath(new URL('./python-reference-upload.py', import.meta.url))],
  'undici alone': [process.execPath, floorClient],
  'undici + idle worker': [process.execPath, floorClient, '--worker'],
};
const run = promisify(execFile);
const free = await statfs(values.dir);
const needed = Math.max(...sizes) * MIB * (values.server === 'sink' ? 1 : 2);
if (free.bavail * free.bsize < needed + 2 * 1024 * MIB) {
  throw new Error(
    `not enough free space in ${values.dir} for ${Math.max(...sizes)} MiB (and the server's copy)`,
  );
}

/** One upload by `who` to a fresh server; returns the client's report and the server's CPU time and peak RSS. */
async function uploadOnce(who, path) {
  const server = await startServer();
  try {
    const [command, script, ...flags] = clients[who];
    const cpuBefore = await processCpuSeconds(server.child.pid);
    const args = [script, path, server.backendUrl, server.tokens.accessToken, String(chunkBytes), ...flags];
    const report = JSON.parse((await run(command, args)).stdout);
    const cpuAfter = await processCpuSeconds(server.child.pid);
    const serverCpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
    return { ...report, serverCpu, serverPeakRss: await serverPeakRss(server) };
  } finally {
    server.child.kill('SIGTERM');
  }
}

const cores = availableParallelism();
const round = (value, digits = 2) => (value === undefined ? undefined : +value.toFixed(digits));
const rows = [];
for (const sizeMiB of sizes) {
  const path = join(values.dir, `synapse-upload-bench-${process.pid}-${sizeMiB}.bin`);
  try {
    await makeFile(path, sizeMiB * MIB);
    const before = await md5Pass(path);
    const floors = values.floor ? ['undici alone', 'undici + idle worker'] : [];
    for (const who of ['sdk', ...(values.python ? ['python'] : []), ...floors]) {
      const upload = await uploadOnce(who, path).catch((error) => {
        if (who !== 'python') throw error;
        console.log(`The Python loop did not run (it needs python3 with requests): ${error.message}`);
      });
      if (!upload) continue;
      const after = await md5Pass(path);
      if (upload.md5 !== undefined && upload.md5 !== before.md5)
        throw new Error('the server stored other bytes');
      const md5Seconds = Math.min(before.seconds, after.seconds);
      // Both processes' CPU time shared among the cores: no upload between them can take less.
      const floor =
        upload.serverCpu === undefined ? undefined : (upload.cpuSeconds + upload.serverCpu) / cores;
      const row = {
        client: who,
        server: values.server,
        sizeMiB,
        chunkMiB: chunkBytes / MIB,
        uploadSeconds: round(upload.seconds),
        mibPerSecond: round(sizeMiB / upload.seconds, 1),
        md5OnlySeconds: round(md5Seconds),
        uploadOverMd5: round(upload.seconds / md5Seconds),
        clientCpuSeconds: round(upload.cpuSeconds),
        serverCpuSeconds: round(upload.serverCpu),
        cpuFloorOverMd5: round(floor === undefined ? undefined : floor / md5Seconds),
        clientPeakRssMiB: round(upload.peakRssBytes / MIB, 1),
        serverPeakRssMiB: round(
          upload.serverPeakRss === undefined ? undefined : upload.serverPeakRss / MIB,
          1,
        ),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    await rm(path, { force: true });
  }
}
const show = (value, unit = '') => (value === undefined ? 'n/a' : `${value}${unit}`);
console.log(`\n${cores} cores. CPU floor = (client CPU + server CPU) / cores.\n`);
console.log(
  '| client | size | upload | MiB/s | MD5 only | upload / MD5 | client CPU | server CPU | CPU floor / MD5 | client peak RSS |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.client} | ${r.sizeMiB} MiB | ${r.uploadSeconds} s | ${r.mibPerSecond} | ${r.md5OnlySeconds} s | ${r.uploadOverMd5}× | ${show(r.clientCpuSeconds, ' s')} | ${show(r.serverCpuSeconds, ' s')} | ${show(r.cpuFloorOverMd5, '×')} | ${r.clientPeakRssMiB} MiB |`,
  );
}
