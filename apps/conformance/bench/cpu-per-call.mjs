#!/usr/bin/env node
// Where the SDK's time per call goes: client and emulator CPU per `getProject` call, 32 in flight, for raw fetch,
// raw fetch with a timeout signal shared by up to 32 requests (as the SDK bounds each request), ofetch with that
// signal (the SDK's transport before any SDK code), and the SDK. Both processes share this machine's cores, so
// with CPU saturated the throughput of a side is bounded by cores / (client CPU + server CPU) per call.
//   pnpm --filter @synapse/conformance cpu-per-call   (after pnpm turbo run build)
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { AnnotationClient } from '@synapse/annotation';
import { createFetch } from 'ofetch';
import { spawnEmulator } from './emulator-process.mjs';
import { inFlight, median } from './measure.mjs';

const CALLS = 10_000;
const ROUNDS = Number(process.argv[2] ?? 9);

/** CPU time of a process in µs (scheduler statistics: nanosecond resolution). */
async function processCpu(pid) {
  const [ns] = (await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ');
  return Number(ns) / 1000;
}

/** A signal lent to at most 32 requests, then replaced: what the SDK's shared deadlines cost fetch. */
function sharedSignals() {
  let controller = new AbortController();
  let lent = 0;
  return () => {
    if (++lent > 32) {
      controller = new AbortController();
      lent = 1;
    }
    return controller.signal;
  };
}

const emulator = await spawnEmulator();
try {
  const headers = { 'Synapse-Access-Token': `Token ${emulator.tokens.accessToken}` };
  const url = `${emulator.backendUrl}/projects/1/`;
  const signal = sharedSignals();
  const $fetch = createFetch({ fetch });
  const client = new AnnotationClient({
    baseUrl: emulator.backendUrl,
    apiToken: emulator.tokens.accessToken,
  });
  const json = async (response) => JSON.parse(await response.text());
  const sides = {
    'raw fetch': async () => json(await fetch(url, { headers })),
    'raw fetch + shared timeout signal': async () => json(await fetch(url, { headers, signal: signal() })),
    'ofetch + shared timeout signal': async () =>
      json(
        await $fetch.raw(url, {
          headers,
          signal: signal(),
          retry: false,
          ignoreResponseError: true,
          responseType: 'stream',
        }),
      ),
    SDK: () => client.getProject(1),
  };
  for (const call of Object.values(sides)) await inFlight(1000, 32, call);

  const samples = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
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

  const summary = Object.entries(samples).map(([name, list]) => ({
    name,
    client: median(list.map((s) => s.client)),
    server: median(list.map((s) => s.server)),
    rate: median(list.map((s) => s.rate)),
  }));
  const [raw] = summary;
  console.log(
    `${CALLS} getProject calls, 32 in flight, median of ${ROUNDS} interleaved rounds, ${availableParallelism()} cores`,
  );
  for (const side of summary) {
    const extra = side.client - raw.client;
    const bound = (raw.client + raw.server) / (side.client + side.server);
    console.log(
      `${side.name.padEnd(34)} client ${side.client.toFixed(1)} µs/call (${extra >= 0 ? '+' : ''}${extra.toFixed(1)})` +
        `  server ${side.server.toFixed(1)} µs/call  ${side.rate.toFixed(0)} req/s` +
        `  CPU bound ${bound.toFixed(3)}× raw throughput, measured ${(side.rate / raw.rate).toFixed(3)}×`,
    );
  }
} finally {
  await emulator.stop();
}
