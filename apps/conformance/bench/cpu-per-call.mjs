#!/usr/bin/env node
// Where the SDK's time per call goes: client and emulator CPU per `getProject` call, 32 in flight, for raw fetch,
// raw fetch with a timeout signal of its own (as the SDK bounds each request), ofetch with such a signal (the
// SDK's transport before any SDK code), and the SDK. Both processes share this machine's cores, so
// with CPU saturated the throughput of a side is bounded by cores / (client CPU + server CPU) per call.
//   pnpm --filter @synapse/conformance cpu-per-call   (after pnpm turbo run build; bench.mjs runs it too)
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AnnotationClient } from '@synapse/annotation';
import { createFetch } from 'ofetch';
import { spawnEmulator } from './emulator-process.mjs';
import { inFlight, median, withDeadline } from './measure.mjs';

const CALLS = 10_000;

/** CPU time of a process in µs (scheduler statistics: nanosecond resolution). */
async function processCpu(pid) {
  const [ns] = (await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ');
  return Number(ns) / 1000;
}

function sidesOf(emulator) {
  const headers = { 'Synapse-Access-Token': `Token ${emulator.tokens.accessToken}` };
  const url = `${emulator.backendUrl}/projects/1/`;
  const $fetch = createFetch({ fetch });
  const client = new AnnotationClient({
    baseUrl: emulator.backendUrl,
    apiToken: emulator.tokens.accessToken,
  });
  const json = async (response) => JSON.parse(await response.text());
  const transport = { retry: false, ignoreResponseError: true, responseType: 'stream' };
  return {
    'raw fetch': async () => json(await fetch(url, { headers })),
    'raw fetch + timeout signal': () =>
      withDeadline(async (signal) => json(await fetch(url, { headers, signal }))),
    'ofetch + timeout signal': () =>
      withDeadline(async (signal) => json(await $fetch.raw(url, { ...transport, headers, signal }))),
    SDK: () => client.getProject(1),
  };
}

/**
 * Median client and server CPU per call and throughput of each side over `rounds` interleaved rounds, with the
 * throughput bound the CPU figures imply relative to raw fetch. Needs the emulator's pid (Linux `/proc`).
 */
export async function cpuPerCall(emulator, rounds = 9) {
  const sides = sidesOf(emulator);
  for (const call of Object.values(sides)) await inFlight(1000, 32, call);
  const samples = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const names = Object.keys(sides);
    if (round % 2) names.reverse();
    for (const name of names) {
      const client0 = process.cpuUsage();
      const server0 = await processCpu(emulator.pid);
      const started = performance.now();
      await inFlight(CALLS, 32, sides[name]);
      const ms = performance.now() - started;
      const used = process.cpuUsage(client0);
      samples[name].push({
        client: (used.user + used.system) / CALLS,
        server: ((await processCpu(emulator.pid)) - server0) / CALLS,
        rate: (CALLS / ms) * 1000,
      });
    }
  }
  const rows = Object.entries(samples).map(([name, list]) => ({
    name,
    client: median(list.map((s) => s.client)),
    server: median(list.map((s) => s.server)),
    rate: median(list.map((s) => s.rate)),
  }));
  const [raw] = rows;
  return rows.map((row) => ({
    ...row,
    extra: row.client - raw.client,
    bound: (raw.client + raw.server) / (row.client + row.server),
    measured: row.rate / raw.rate,
  }));
}

/** The rows as a Markdown table. */
export function cpuTable(rows) {
  const lines = [
    '| side | client CPU per call | server CPU per call | bound on throughput vs raw | measured |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const extra = row.extra === 0 ? '' : ` (${row.extra > 0 ? '+' : ''}${row.extra.toFixed(1)})`;
    lines.push(
      `| ${row.name} | ${row.client.toFixed(1)} µs${extra} | ${row.server.toFixed(1)} µs | ` +
        `${row.bound.toFixed(3)}× | ${row.measured.toFixed(3)}× |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rounds = Number(process.argv[2] ?? 9);
  const emulator = await spawnEmulator();
  try {
    const rows = await cpuPerCall(emulator, rounds);
    console.log(
      `${CALLS} getProject calls, 32 in flight, median of ${rounds} interleaved rounds, ${availableParallelism()} cores`,
    );
    console.log(cpuTable(rows));
  } finally {
    await emulator.stop();
  }
}
