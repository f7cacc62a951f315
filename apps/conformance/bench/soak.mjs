#!/usr/bin/env node
// Soak: 8 concurrent clients send 10,000 mixed requests to the emulator (in its own process). Prints the counts,
// any unexpected error, and both processes' memory; exits non-zero on an unexpected error or unbounded growth.
//   pnpm turbo run build && pnpm --filter @synapse/conformance soak
import { AgentClient } from '@synapse/agent';
import { RayClient } from '@synapse/ray';
import { BackendClient, NotFoundError } from '@synapse/sdk';
import { MiB, mib, spawnEmulator } from './emulator-process.mjs';

const TOTAL = Number(process.env.SOAK_REQUESTS ?? 10_000);
const CLIENTS = 8;
// Growth allowed between the first quarter and the end, once caches and pools have warmed up.
const GROWTH_LIMIT = 64 * MiB;

const emulator = await spawnEmulator();
const backend = { baseUrl: emulator.backendUrl, apiToken: emulator.tokens.accessToken };

/** One request of the mix; `expected` names the error class that request is meant to get. */
function operation(client, agent, ray, i) {
  switch (i % 12) {
    case 0:
      return { run: () => client.getProject(1) };
    case 1:
      return { run: () => client.getTask((i % 3) + 1) };
    case 2:
      return { run: () => client.listTasks({ project: 1, page_size: 20 }) };
    case 3:
      return { run: () => client.getAssignment((i % 2) + 1) };
    case 4:
      return { run: () => client.getDataUnit((i % 3) + 1) };
    case 5:
      return { run: () => client.createTasks({ project: 1, status: 'soak' }) };
    case 6:
      return { run: () => client.annotateTaskData(2, { soak: i }) };
    case 7:
      return { run: () => client.getProject(999), expected: NotFoundError };
    case 8:
      return { run: () => client.listTaskTags({ project: 1 }) };
    case 9:
      return { run: () => client.getJob(1) };
    case 10:
      return { run: () => agent.healthCheck() };
    default:
      return { run: () => ray.getVersion() };
  }
}

const counts = { ok: 0, expectedErrors: 0, unexpected: 0 };
const unexpected = [];
const samples = [];
let next = 0;

async function sample(done) {
  const stats = await emulator.stats();
  samples.push({ done, client: process.memoryUsage().rss, emulator: stats.memory.rss });
}

async function worker() {
  const client = new BackendClient(backend);
  const agent = new AgentClient({ baseUrl: emulator.agentUrl, agentToken: emulator.tokens.agentToken });
  const ray = new RayClient({ baseUrl: emulator.rayUrl });
  while (next < TOTAL) {
    const i = next++;
    const { run, expected } = operation(client, agent, ray, i);
    try {
      await run();
      if (expected) throw new Error(`request ${i} succeeded but should have failed`);
      counts.ok++;
    } catch (error) {
      if (expected && error instanceof expected) counts.expectedErrors++;
      else {
        counts.unexpected++;
        if (unexpected.length < 10) unexpected.push(`#${i}: ${error?.name}: ${error?.message}`);
      }
    }
    if ((i + 1) % (TOTAL / 20) === 0) await sample(i + 1);
  }
}

const started = performance.now();
try {
  await sample(0);
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  const seconds = (performance.now() - started) / 1000;
  const stats = await emulator.stats();
  const clientPeak = process.resourceUsage().maxRSS * 1024;
  const quarter = samples.find((s) => s.done >= TOTAL / 4) ?? samples[0];
  const last = samples.at(-1);
  const clientGrowth = last.client - quarter.client;
  const emulatorGrowth = last.emulator - quarter.emulator;

  console.log(`requests: ${TOTAL} by ${CLIENTS} concurrent clients in ${seconds.toFixed(1)} s`);
  console.log(
    `ok: ${counts.ok}, expected errors (404): ${counts.expectedErrors}, unexpected errors: ${counts.unexpected}`,
  );
  for (const line of unexpected) console.log(`  ${line}`);
  console.log('RSS by requests done (client / emulator):');
  for (const s of samples.filter((_, k) => k % 5 === 0 || k === samples.length - 1))
    console.log(`  ${String(s.done).padStart(6)}  ${mib(s.client).padStart(10)} / ${mib(s.emulator)}`);
  console.log(`client peak RSS: ${mib(clientPeak)} (growth after the first quarter ${mib(clientGrowth)})`);
  console.log(
    `emulator peak RSS: ${mib(stats.memory.peakRss)} (growth after the first quarter ${mib(emulatorGrowth)})`,
  );
  console.log(`emulator tasks now: ${stats.resources.tasks}`);
  const bounded = clientGrowth <= GROWTH_LIMIT && emulatorGrowth <= GROWTH_LIMIT;
  if (!bounded) console.log(`memory grew more than ${mib(GROWTH_LIMIT)} after warm-up`);
  process.exitCode =
    counts.unexpected === 0 && bounded && counts.ok + counts.expectedErrors === TOTAL ? 0 : 1;
} finally {
  await emulator.stop();
}
