#!/usr/bin/env node
// Benchmarks of the SDK against raw fetch, with the emulator in a process of its own. Prints each figure and
// writes BENCHMARKS.md at the repository root.
//   pnpm bench   (= pnpm turbo run build && pnpm --filter @synapse/conformance bench)
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cpuPerCall, cpuTable } from './cpu-per-call.mjs';
import { mib, spawnEmulator } from './emulator-process.mjs';
import { coldImport, concurrent, listAll, sequential } from './figures.mjs';
import { layerCosts, layerTable } from './layers.mjs';
import { peerFigures } from './peers.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const MiB = 1024 * 1024;
const rows = [];
/** Figures measured beside the targets, for context. */
const extras = [];
const log = (line) => console.log(line);

function row(figure, measured, ratio, target, pass) {
  rows.push({ figure, measured, ratio, target, pass });
  log(`${pass ? 'PASS' : 'FAIL'}  ${figure}: ${ratio}  (target ${target}; ${measured})`);
}

const emulator = await spawnEmulator();
let listing;
let cpu;
try {
  const seq = await sequential(emulator);
  row(
    '1. 5,000 sequential `getProject` vs raw `fetch` with a timeout per request',
    `SDK ${seq.sdk.toFixed(0)} ms, raw ${seq.raw.toFixed(0)} ms in all; ${seq.spread}`,
    `${seq.ratio.toFixed(3)}× the raw time (median of 20 rounds)`,
    '≤ 1.10×',
    seq.ratio <= 1.1,
  );
  const con = await concurrent(emulator);
  row(
    '2. 10,000 `getProject`, 32 in flight, vs raw `fetch` with a timeout per request',
    `SDK ${con.sdk.toFixed(0)} req/s, raw ${con.raw.toFixed(0)} req/s in all; ${con.spread}`,
    `${con.ratio.toFixed(3)}× the raw throughput (median of 20 rounds)`,
    '≥ 0.95×',
    con.ratio >= 0.95,
  );
  const bareSeq = await sequential(emulator, { reference: 'bare' });
  const bareCon = await concurrent(emulator, { reference: 'bare' });
  extras.push(
    `- Beside figures 1 and 2, against raw \`fetch\` without a timeout (no bound on a request that hangs): ` +
      `sequential ${bareSeq.ratio.toFixed(3)}× the raw time (${bareSeq.spread}); 32 in flight ` +
      `${bareCon.ratio.toFixed(3)}× the raw throughput (SDK ${bareCon.sdk.toFixed(0)} req/s, raw ${bareCon.raw.toFixed(0)} req/s; ${bareCon.spread}).`,
  );
  log(extras[extras.length - 1]);
  cpu = await cpuPerCall(emulator);
  log(cpuTable(cpu));
  listing = await listAll(emulator);
  const { time, memory } = listing;
  row(
    '3a. `listAll` over 100,000 tasks vs a raw loop following `next`',
    `SDK ${(time.sdk / 1000).toFixed(2)} s, raw ${(time.raw / 1000).toFixed(2)} s per listing; ${time.spread}`,
    `${time.ratio.toFixed(3)}× the raw time (median of 3 pairs)`,
    '≤ 1.1×',
    time.ratio <= 1.1,
  );
  row(
    '3b. client peak RSS growth, 100,000 vs 1,000 tasks',
    listing.detail,
    `+${mib(memory.growth)}`,
    '≤ 32 MiB',
    memory.growth <= 32 * MiB,
  );
} finally {
  await emulator.stop();
}

const peers = await peerFigures();
row(
  '6a. 10,000 `getProject`, 32 in flight, vs stripe-node 23.1 `customers.retrieve` (trivial server)',
  `SDK ${peers.stripeInFlight.sdk.toFixed(0)} req/s, stripe-node ${peers.stripeInFlight.peer.toFixed(0)} req/s; ${peers.stripeInFlight.spread}`,
  `${peers.stripeInFlight.ratio.toFixed(3)}× stripe-node's throughput (median of 20 rounds)`,
  '≥ 1.00×',
  peers.stripeInFlight.ratio >= 1,
);
row(
  '6b. the same vs raw `fetch` with a timeout per request (trivial server)',
  `SDK ${peers.rawInFlight.sdk.toFixed(0)} req/s, raw ${peers.rawInFlight.peer.toFixed(0)} req/s; ${peers.rawInFlight.spread}`,
  `${peers.rawInFlight.ratio.toFixed(3)}× the raw throughput (median of 20 rounds)`,
  '≥ 1.50×',
  peers.rawInFlight.ratio >= 1.5,
);
row(
  '6c. 5,000 sequential `getProject` vs stripe-node `customers.retrieve` (trivial server)',
  `SDK ${peers.stripeSequential.sdk.toFixed(0)} µs, stripe-node ${peers.stripeSequential.peer.toFixed(0)} µs per call; ${peers.stripeSequential.spread}`,
  `${peers.stripeSequential.ratio.toFixed(3)}× stripe-node's time per call (median of 20 rounds)`,
  '≤ 1.00×',
  peers.stripeSequential.ratio <= 1,
);

const layers = await layerCosts();
log(`layers:\n${layerTable(layers)}`);

const cold = await coldImport();
row(
  '5. cold `import` of `@synapse/sdk` (fresh process, median of 15)',
  `min ${cold.min.toFixed(1)} ms, max ${cold.max.toFixed(1)} ms`,
  `${cold.median.toFixed(1)} ms (${(cold.median / 30).toFixed(2)}× the target)`,
  '≤ 30 ms',
  cold.median <= 30,
);

// Figure 4: a 1 GiB chunked upload to a server that only counts bytes, against one MD5 pass over the same file;
// then, for context, 256 MiB to the emulator beside the Python client's upload loop.
const uploadBench = `${root}packages/core/bench/upload.mjs`;
async function uploadRun(args) {
  const { stdout } = await promisify(execFile)(process.execPath, [uploadBench, ...args], {
    cwd: root,
    maxBuffer: 1 << 24,
  });
  const lines = stdout.trim().split('\n');
  return {
    rows: lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)),
    table: lines.filter((line) => !line.startsWith('{')).join('\n'),
  };
}
const sink = await uploadRun(['--sizes', '1024', '--server', 'sink', '--floor']);
const gib = sink.rows.find((r) => r.client === 'sdk');
const floorRss = (client) => sink.rows.find((r) => r.client === client).clientPeakRssMiB;
const uploadDetail = `upload ${gib.uploadSeconds} s, MD5 only ${gib.md5OnlySeconds} s; client CPU ${gib.clientCpuSeconds} s, server CPU ${gib.serverCpuSeconds} s`;
row(
  '4a. chunked upload of 1 GiB to a receive-only server vs one MD5 pass',
  uploadDetail,
  `${gib.uploadOverMd5}× the MD5-only time`,
  '≤ 1.25×',
  gib.uploadOverMd5 <= 1.25,
);
row(
  '4b. client peak RSS during that upload',
  `50 MiB chunks; ${gib.mibPerSecond} MiB/s. Floor: the same PUTs with undici alone ${floorRss('undici alone')} MiB, beside an idle worker thread ${floorRss('undici + idle worker')} MiB`,
  `${gib.clientPeakRssMiB} MiB`,
  '≤ 100 MiB',
  gib.clientPeakRssMiB <= 100,
);
const upload = (await uploadRun(['--sizes', '256', '--python'])).table;
log(`4. chunked upload:\n${sink.table}\n${upload}`);

const table = rows.map(
  (r) => `| ${r.figure} | ${r.ratio} | ${r.target} | ${r.pass ? 'pass' : '**fail**'} | ${r.measured} |`,
);
const markdown = `# Benchmarks

Generated by \`pnpm bench\` (\`pnpm turbo run build && pnpm --filter @synapse/conformance bench\`, script
\`apps/conformance/bench/bench.mjs\`); do not edit by hand. One run on ${new Date().toISOString().slice(0, 10)}:
Node ${process.version}, ${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}. The emulator
(\`node packages/emulator/dist/cli.js --json\`) runs in a process of its own; SDK and raw \`fetch\` runs are
interleaved in rounds after a warm-up, with the same headers and the same keep-alive \`fetch\`. Each ratio is the
median of the per-round ratios (an SDK round and the raw round next to it), with their range: the machine is
shared, and its load drifts within a run by more than the differences measured.

| figure | result | target | | measured |
| --- | --- | --- | --- | --- |
${table.join('\n')}

## Where the time of a call goes

From \`pnpm --filter @synapse/conformance cpu-per-call\`: 10,000 \`getProject\` calls, 32 in flight, median of 9
interleaved rounds. CPU time per call of this process (client) and of the emulator (server), for raw \`fetch\`, raw
\`fetch\` with a timeout signal of its own (as every request must be bounded), ofetch with such a
signal and the SDK (on Node its limits are undici's own timers, with no signal per request). When the two processes saturate the cores, the
throughput of a side is bounded by cores / (client + server CPU per call); the bound is given relative to raw
\`fetch\`, beside the measured throughput ratio.

${cpuTable(cpu)}

## Where a call's client CPU goes on Node

From \`pnpm --filter @synapse/conformance layers\`: against the trivial server of figure 6, 32 in flight, the
client CPU per call of each layer of the SDK's stack on Node, median of 7 interleaved rounds, beside stripe-node.
The first row is \`undici.request\`, undici's own request API, for reference; the SDK's fetch speaks to undici's
dispatcher directly, so a small reply is gathered as it arrives, with no Node stream under it, and costs less than
\`undici.request\` alone. ofetch reads \`response.body\` of every reply to see whether there is one, which on
Node builds a web stream: most of what its layer adds (in a loop with no network, 11 of ofetch's 19 µs per call;
Node 20 builds a web stream in about 17 µs and keeps it, with all it holds, until a full collection).

${layerTable(layers)}

## 4. Chunked upload

Figure 4 from \`node packages/core/bench/upload.mjs --sizes 1024 --server sink --floor\`. The SDK hashes on a
worker thread; the two \`undici\` rows PUT the same chunks with \`undici.request\` alone, read into reused buffers and
not hashed, without and beside an idle worker thread: the peak RSS of the SDK's transport and hashing thread
before any SDK code.

${sink.table}

Beside it, 256 MiB to the emulator, the SDK and the Python client's upload loop
(\`node packages/core/bench/upload.mjs --sizes 256 --python\`):

${upload}

## Other measurements

${extras.join('\n')}

- Load: \`pnpm --filter @synapse/conformance soak\` — 8 concurrent clients, 10,000 mixed requests; prints both
  processes' peak RSS.
- Bundle size: \`pnpm --filter @synapse/conformance bundle-size\` (see the README's "Bundle size").
`;
await writeFile(`${root}BENCHMARKS.md`, markdown);
log(`wrote ${root}BENCHMARKS.md`);
