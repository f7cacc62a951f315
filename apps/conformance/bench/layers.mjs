#!/usr/bin/env node
// Where a call's client CPU goes on Node, layer by layer, against the trivial loopback server (its own process):
// `undici.request` alone (undici's own request API, for reference); the fetch the SDK builds on undici's dispatcher
// (a `Response`); ofetch over that fetch with undici's own time limits, as the SDK sends (its stack before any SDK
// code); the SDK's `getProject`; stripe-node's `customers.retrieve` (node:http). 32 in flight, median of
// interleaved rounds.
//   pnpm --filter @synapse/conformance layers   (after pnpm turbo run build; bench.mjs runs it too)
import { AnnotationClient } from '@synapse/annotation';
import { createFetch } from 'ofetch';
import { request } from 'undici';
// The SDK's Node fetch is internal to @synapse/core; its Node build of the runtime seam exports it.
import { nodeFetch } from '../../../packages/core/dist/runtime/node.js';
import { inFlight, median } from './measure.mjs';
import { startServer, stripeFor } from './peers.mjs';

const CALLS = 5000;
// The key under which the SDK hands its Node fetch the dispatcher's time limits (core's dispatcher-timeouts.ts).
const DISPATCHER_TIMEOUTS = Symbol.for('@synapse/core.dispatcher-timeouts');

function layersOf(url) {
  const target = `${url}/projects/1/`;
  const headers = { 'synapse-access-token': 'Token bench-token', accept: 'application/json' };
  const fetch = nodeFetch();
  const $fetch = createFetch({ fetch });
  const transport = {
    retry: false,
    ignoreResponseError: true,
    responseType: 'stream',
    redirect: 'manual',
    [DISPATCHER_TIMEOUTS]: { headers: 35_000, body: 30_000 },
  };
  const client = new AnnotationClient({ baseUrl: url, apiToken: 'bench-token' });
  const stripe = stripeFor(url);
  return {
    'undici.request': async () => (await request(target, { headers })).body.json(),
    "SDK fetch over undici's dispatcher (a Response)": async () =>
      JSON.parse(await (await fetch(target, { headers })).text()),
    "ofetch over it, with undici's time limits": async () =>
      JSON.parse(await (await $fetch.raw(target, { ...transport, headers })).text()),
    'SDK getProject': () => client.getProject(1),
    'stripe-node customers.retrieve': () => stripe.customers.retrieve('cus_1'),
  };
}

/** Median client CPU per call (µs) of each layer over `rounds` interleaved rounds. */
export async function layerCosts(rounds = 7) {
  const server = await startServer();
  try {
    const layers = layersOf(server.url);
    for (const call of Object.values(layers)) await inFlight(1000, 32, call);
    const samples = Object.fromEntries(Object.keys(layers).map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const names = Object.keys(layers);
      if (round % 2) names.reverse();
      for (const name of names) {
        const before = process.cpuUsage();
        await inFlight(CALLS, 32, layers[name]);
        const used = process.cpuUsage(before);
        samples[name].push((used.user + used.system) / CALLS);
      }
    }
    return Object.entries(samples).map(([name, list]) => ({ name, client: median(list) }));
  } finally {
    server.stop();
  }
}

/** The rows as a Markdown table, each layer with what it adds to the one above. */
export function layerTable(rows) {
  const lines = ['| layer | client CPU per call | added |', '| --- | ---: | ---: |'];
  rows.forEach((row, i) => {
    const delta = row.client - (rows[i - 1]?.client ?? 0);
    const added =
      i === 0 || i === rows.length - 1 ? '' : `${delta < 0 ? '−' : '+'}${Math.abs(delta).toFixed(1)} µs`;
    lines.push(`| ${row.name} | ${row.client.toFixed(1)} µs | ${added} |`);
  });
  return lines.join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(`${CALLS} calls per round, 32 in flight, median of 7 interleaved rounds`);
  console.log(layerTable(await layerCosts()));
}
