import v8 from 'node:v8';

/**
 * How far past what survived its last full collection V8 lets the old generation grow, in percent (V8 flag
 * `--heap-growing-percent`). V8's own factor, up to 4× on a small heap, suits short processes. A bulk upload runs
 * for minutes and its old generation fills with garbage promoted out of the young one (on Node 20 every native
 * request and web stream stays reachable until a full collection): at V8's factor, 100,000 files took the
 * process to ~150 MiB while ~14 MiB stayed alive. At 50 % the peak is ~118 MiB, for about one full collection
 * more per thousand files (~7 ms each), measured with `packages/cli/bench/upload.mjs`.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds the growth of this process's old generation (see `HEAP_GROWING_PERCENT`). Only the `synapse` binary
 * calls it: it owns its process, where the SDK and `runCli` may run in someone else's. V8 reads the flag at each
 * full collection, so setting it once the process has started takes effect.
 */
export function boundHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
