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
 * Splits `total` calls of each side into `rounds`, alternating which side goes first, and sums each side's time.
 * `run(side, count)` performs `count` calls of that side.
 */
export async function interleaved(total, rounds, run) {
  const per = Math.ceil(total / rounds);
  const sum = { sdk: 0, raw: 0 };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['sdk', 'raw'] : ['raw', 'sdk'];
    for (const side of order) sum[side] += await timed(() => run(side, per));
  }
  return sum;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
