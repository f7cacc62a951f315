import { clampDelay } from './idle-timer.js';

/**
 * Timeout signals shared by requests that start close together. Creating an `AbortController` per request is a
 * large part of the SDK's own cost per call on Node, so plain requests (no caller signal, not streamed) borrow
 * one from a bucket: requests that start within a small fraction of the timeout of each other share a signal
 * that aborts when the earliest of them would time out (at most 1 % early).
 */
interface Bucket {
  controller: AbortController;
  timer: ReturnType<typeof setTimeout>;
  openUntil: number;
  lent: number;
  active: number;
}

/** A borrowed signal; `release` when the exchange is over. */
export interface DeadlineLease {
  signal: AbortSignal;
  release(): void;
}

const MAX_LENT = 32;
const TIMED_OUT = new Error('timeout');

export class DeadlineSignals {
  readonly #open = new Map<number, Bucket>();

  acquire(ms: number): DeadlineLease {
    const now = performance.now();
    let bucket = this.#open.get(ms);
    if (!bucket || now > bucket.openUntil || bucket.lent >= MAX_LENT || bucket.controller.signal.aborted) {
      // A closed bucket nobody uses any more must not keep its signal (and what listens to it) alive.
      if (bucket && bucket.active === 0) clearTimeout(bucket.timer);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(TIMED_OUT), clampDelay(ms));
      // A lease in use keeps its request (and so the process) alive; an idle timer must not.
      timer.unref?.();
      bucket = { controller, timer, openUntil: now + Math.min(50, ms / 100), lent: 0, active: 0 };
      this.#open.set(ms, bucket);
    }
    const lent = bucket;
    lent.lent++;
    lent.active++;
    let released = false;
    return {
      signal: lent.controller.signal,
      release: () => {
        if (released) return;
        released = true;
        lent.active--;
        if (lent.active === 0 && this.#open.get(ms) !== lent) clearTimeout(lent.timer);
      },
    };
  }
}
