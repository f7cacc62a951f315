// The SDK beside a peer SDK (stripe-node, on node:http) and raw fetch, against one trivial loopback JSON server in a
// process of its own. Each comparison interleaves its two sides in rounds (see measure.mjs).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AnnotationClient } from '@synapse/annotation';
import Stripe from 'stripe';
import { inFlight, interleaved, median, spread } from './measure.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

export async function startServer() {
  const child = spawn(process.execPath, [`${here}trivial-server.mjs`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the trivial server exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { ...JSON.parse(line), stop: () => child.kill('SIGTERM') };
}

/** A stripe-node client of the trivial server at `url`, with no retries (as the SDK's side). */
export function stripeFor(url) {
  const { hostname, port } = new URL(url);
  return new Stripe('sk_test_bench', {
    host: hostname,
    port: Number(port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
}

function callers(url) {
  const synapse = new AnnotationClient({ baseUrl: url, apiToken: 'bench-token', allowInsecureHttp: true });
  const stripe = stripeFor(url);
  const headers = { 'Synapse-Access-Token': 'Token bench-token' };
  return {
    sdk: () => synapse.getProject(1),
    stripe: () => stripe.customers.retrieve('cus_1'),
    raw: async () => {
      const response = await fetch(`${url}/projects/1/`, { headers, signal: AbortSignal.timeout(35_000) });
      if (!response.ok) throw new Error(`raw GET ${response.status}`);
      return response.json();
    },
  };
}

/** SDK against `peer`: per-round ratios of throughput (32 in flight) or of time per call (sequential). */
async function compare(sdk, peer, { total, lanes }) {
  await inFlight(1000, lanes, (i) => (i % 2 ? sdk() : peer()));
  const sum = await interleaved(total, 20, (side, count) =>
    inFlight(count, lanes, side === 'sdk' ? sdk : peer),
  );
  const ratios = lanes === 1 ? sum.ratios : sum.ratios.map((ratio) => 1 / ratio);
  return {
    ratio: median(ratios),
    spread: spread(ratios),
    sdk: lanes === 1 ? (sum.sdk / total) * 1000 : (total / sum.sdk) * 1000,
    peer: lanes === 1 ? (sum.raw / total) * 1000 : (total / sum.raw) * 1000,
  };
}

/** The four peer figures: throughput with 32 in flight and time per sequential call, against stripe and raw fetch. */
export async function peerFigures() {
  const server = await startServer();
  try {
    const side = callers(server.url);
    return {
      stripeInFlight: await compare(side.sdk, side.stripe, { total: 10_000, lanes: 32 }),
      rawInFlight: await compare(side.sdk, side.raw, { total: 10_000, lanes: 32 }),
      stripeSequential: await compare(side.sdk, side.stripe, { total: 5000, lanes: 1 }),
    };
  } finally {
    server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await peerFigures());
