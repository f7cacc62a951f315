// The benchmark figures; each returns { sdk, raw, ratio, unit, detail }.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AnnotationClient } from '@synapse/annotation';
import { mib } from './emulator-process.mjs';
import { inFlight, interleaved, median, timed } from './measure.mjs';

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

/** Figure 1: sequential getProject calls vs raw fetch; ratio = SDK time / raw time. */
export async function sequential(emulator, total = 5000) {
  const { raw, sdk } = sides(emulator);
  for (let i = 0; i < 500; i++) await Promise.all([sdk(), raw()]);
  const sum = await interleaved(total, 10, async (side, count) => {
    const call = side === 'sdk' ? sdk : raw;
    for (let i = 0; i < count; i++) await call();
  });
  return { sdk: sum.sdk, raw: sum.raw, ratio: sum.sdk / sum.raw, unit: 'ms total' };
}

/** Figure 2: getProject with 32 in flight; ratio = SDK throughput / raw throughput. */
export async function concurrent(emulator, total = 10_000) {
  const { raw, sdk } = sides(emulator);
  await inFlight(1000, 32, (i) => (i % 2 ? sdk() : raw()));
  const sum = await interleaved(total, 10, (side, count) => inFlight(count, 32, side === 'sdk' ? sdk : raw));
  const rate = (ms) => (total / ms) * 1000;
  return { sdk: rate(sum.sdk), raw: rate(sum.raw), ratio: sum.raw / sum.sdk, unit: 'requests/s' };
}

/** Beside figure 2: the SDK against raw fetch that bounds each request with `AbortSignal.timeout`. */
export async function concurrentWithTimeouts(emulator, total = 10_000) {
  const { rawWithTimeout, sdk } = sides(emulator);
  await inFlight(1000, 32, (i) => (i % 2 ? sdk() : rawWithTimeout()));
  const sum = await interleaved(total, 10, (side, count) =>
    inFlight(count, 32, side === 'sdk' ? sdk : rawWithTimeout),
  );
  const rate = (ms) => (total / ms) * 1000;
  return { sdk: rate(sum.sdk), raw: rate(sum.raw), ratio: sum.raw / sum.sdk, unit: 'requests/s' };
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

async function childPeak(emulator, status) {
  const args = [`${here}list-rss.mjs`, emulator.backendUrl, emulator.tokens.accessToken, status];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout);
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
  const times = { sdk: 0, raw: 0 };
  for (const side of ['raw', 'sdk', 'sdk', 'raw']) times[side] += await timed(side === 'sdk' ? sdk : raw);
  const small = await childPeak(emulator, 'bench-small');
  const large = await childPeak(emulator, 'bench-large');
  if (small.count !== 1000 || large.count !== total) throw new Error('child listing counts are wrong');
  const growth = large.peakRss - small.peakRss;
  return {
    time: { sdk: times.sdk / 2, raw: times.raw / 2, ratio: times.sdk / times.raw, unit: 'ms per listing' },
    memory: { small: small.peakRss, large: large.peakRss, growth },
    detail: `peak RSS ${mib(small.peakRss)} for 1,000 tasks, ${mib(large.peakRss)} for ${total.toLocaleString('en')}`,
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
