// The benchmark figures; each returns { sdk, raw, ratio, unit, detail }.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AnnotationClient } from '@synapse/annotation';
import { mib } from './emulator-process.mjs';
import { inFlight, interleaved, median, spread } from './measure.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

function sides(emulator) {
  const headers = { 'Synapse-Access-Token': `Token ${emulator.tokens.accessToken}` };
  const client = new AnnotationClient({
    baseUrl: emulator.backendUrl,
    apiToken: emulator.tokens.accessToken,
  });
  const url = `${emulator.backendUrl}/projects/1/`;
  const raw = async () => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`raw GET ${response.status}`);
    return response.json();
  };
  // What careful raw code adds: a timeout per request (the SDK's default connect + read, 35 s).
  const rawWithTimeout = async () => {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(35_000) });
    if (!response.ok) throw new Error(`raw GET ${response.status}`);
    return response.json();
  };
  return { client, raw, rawWithTimeout, sdk: () => client.getProject(1), headers };
}

/**
 * Figure 1: sequential getProject calls vs raw fetch that bounds each request with its own timeout (or, with
 * `reference: 'bare'`, raw fetch without one); ratio = SDK time / raw time (median of paired rounds).
 */
export async function sequential(emulator, { total = 5000, reference = 'timeout' } = {}) {
  const sided = sides(emulator);
  const { sdk } = sided;
  const raw = reference === 'bare' ? sided.raw : sided.rawWithTimeout;
  for (let i = 0; i < 500; i++) await Promise.all([sdk(), raw()]);
  const sum = await interleaved(total, 20, async (side, count) => {
    const call = side === 'sdk' ? sdk : raw;
    for (let i = 0; i < count; i++) await call();
  });
  return {
    sdk: sum.sdk,
    raw: sum.raw,
    ratio: median(sum.ratios),
    spread: spread(sum.ratios),
    unit: 'ms total',
  };
}

/** Throughput of `sdk` vs `raw` with 32 in flight; ratio = SDK throughput / raw throughput, per round. */
async function inFlightRatio(sdk, raw, total) {
  await inFlight(1000, 32, (i) => (i % 2 ? sdk() : raw()));
  const sum = await interleaved(total, 20, (side, count) => inFlight(count, 32, side === 'sdk' ? sdk : raw));
  const throughput = sum.ratios.map((ratio) => 1 / ratio);
  const rate = (ms) => (total / ms) * 1000;
  return {
    sdk: rate(sum.sdk),
    raw: rate(sum.raw),
    ratio: median(throughput),
    spread: spread(throughput),
    unit: 'requests/s',
  };
}

/** Figure 2: getProject with 32 in flight vs raw fetch with a timeout per request (`reference: 'bare'`: without). */
export async function concurrent(emulator, { total = 10_000, reference = 'timeout' } = {}) {
  const { raw, rawWithTimeout, sdk } = sides(emulator);
  return inFlightRatio(sdk, reference === 'bare' ? raw : rawWithTimeout, total);
}

/** Creates `count` tasks with `status` through bulk POSTs. */
export async function seedTasks(emulator, status, count) {
  const { headers } = sides(emulator);
  for (let made = 0; made < count; made += 5000) {
    const batch = Array.from({ length: Math.min(5000, count - made) }, () => ({ project: 1, status }));
    const response = await fetch(`${emulator.backendUrl}/tasks/`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (response.status !== 201)
      throw new Error(`seeding tasks: ${response.status} ${await response.text()}`);
  }
}

async function childPeak(emulator, status, mode = 'sdk') {
  const args = [`${here}list-rss.mjs`, emulator.backendUrl, emulator.tokens.accessToken, status, mode];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout);
}

/** Median peak RSS growth from 1,000 to `total` tasks over `runs` pairs of fresh processes. */
async function peakGrowth(emulator, total, mode, runs = 3) {
  const small = [];
  const large = [];
  for (let i = 0; i < runs; i++) {
    const a = await childPeak(emulator, 'bench-small', mode);
    const b = await childPeak(emulator, 'bench-large', mode);
    if (a.count !== 1000 || b.count !== total) throw new Error(`${mode} child listing counts are wrong`);
    small.push(a.peakRss);
    large.push(b.peakRss);
  }
  return { small: median(small), large: median(large), growth: median(large) - median(small) };
}

/** Figure 3: `listAll` over `total` tasks vs a raw loop following `next`; and peak RSS growth vs 1,000 tasks. */
export async function listAll(emulator, total = 100_000) {
  const { client, headers } = sides(emulator);
  await seedTasks(emulator, 'bench-large', total);
  await seedTasks(emulator, 'bench-small', 1000);
  const sdk = async () => {
    let count = 0;
    for await (const task of await client.listTasks({ status: 'bench-large' }, { listAll: true }))
      if (task.id) count++;
    if (count !== total) throw new Error(`listAll saw ${count} tasks`);
  };
  const raw = async () => {
    let count = 0;
    let url = `${emulator.backendUrl}/sdk/tasks/?status=bench-large&page_size=100`;
    while (url) {
      const page = await (await fetch(url, { headers })).json();
      for (const task of page.results) if (task.id) count++;
      url = page.next;
    }
    if (count !== total) throw new Error(`raw loop saw ${count} tasks`);
  };
  const times = await interleaved(3, 3, (side) => (side === 'sdk' ? sdk() : raw()));
  const memory = await peakGrowth(emulator, total, 'sdk');
  const rawMemory = await peakGrowth(emulator, total, 'raw');
  return {
    time: {
      sdk: times.sdk / 3,
      raw: times.raw / 3,
      ratio: median(times.ratios),
      spread: spread(times.ratios),
      unit: 'ms per listing',
    },
    memory,
    rawMemory,
    detail:
      `median of 3 processes each: peak RSS ${mib(memory.small)} for 1,000 tasks, ${mib(memory.large)} for ` +
      `${total.toLocaleString('en')}; a raw fetch loop in the same measurement grows ${mib(rawMemory.growth)}`,
  };
}

/** Figure 5: cold `import('@synapse/sdk')` in a fresh Node process, median of `runs`. */
export async function coldImport(runs = 15) {
  const script =
    "const t = performance.now(); await import('@synapse/sdk'); process.stdout.write(String(performance.now() - t));";
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: here });
    times.push(Number(stdout));
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}
