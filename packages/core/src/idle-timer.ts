/** The longest delay `setTimeout` honours (2^31−1 ms, about 24.8 days). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * A delay `setTimeout` can wait: a longer one would fire at once (Node warns `TimeoutOverflowWarning`), so it is
 * capped, which is practically forever. Negative or NaN delays are 0.
 */
export function clampDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_DELAY_MS) : 0;
}

/** A countdown of "no progress for N seconds"; it runs only between `start` and `stop`. */
export interface IdleTimer {
  /** Starts the countdown afresh from now (stopping any running one). */
  start(): void;
  /** Stops the countdown; nothing fires until the next `start`. */
  stop(): void;
  /** Whether the countdown ever ran out (`onIdle` was called). */
  readonly fired: boolean;
}

/** An idle timer that calls `onIdle` once `seconds` pass after a `start` with no `stop`; no limit when undefined. */
export function createIdleTimer(seconds: number | undefined, onIdle: () => void): IdleTimer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fired = false;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    start() {
      stop();
      if (seconds === undefined) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          fired = true;
          onIdle();
        },
        clampDelay(seconds * 1000),
      );
    },
    stop,
    get fired() {
      return fired;
    },
  };
}
