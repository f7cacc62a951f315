// Timing helpers for bench.mjs: SDK and raw runs are interleaved in rounds, after a warm-up, in one process.

export async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Runs `task(i)` for i < total with at most `limit` in flight. */
export async function inFlight(total, limit, task) {
  let next = 0;
  const lane = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, total) }, lane));
}

/**
 * Splits `total` calls of each side into `rounds`, alternating which side goes first. Returns each side's total
 * time and, per round, the SDK's time over the raw time: on a shared machine the load drifts between rounds, and
 * the median of these paired ratios is steadier than the ratio of the totals.
 * `run(side, count)` performs `count` calls of that side.
 */
export async function interleaved(total, rounds, run) {
  const per = Math.ceil(total / rounds);
  const sum = { sdk: 0, raw: 0, ratios: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['sdk', 'raw'] : ['raw', 'sdk'];
    const time = {};
    for (const side of order) time[side] = await timed(() => run(side, per));
    sum.sdk += time.sdk;
    sum.raw += time.raw;
    sum.ratios.push(time.sdk / time.raw);
  }
  return sum;
}

/** The median and range of per-round ratios, as text: `1.02× (rounds 0.97–1.10×)`. */
export function spread(ratios) {
  return `rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `send(signal)` under a deadline of its own, cleared when it is done: how the SDK bounds each request. */
export async function withDeadline(send) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), 35_000);
  try {
    return await send(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
