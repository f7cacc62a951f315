import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clampDelay, createIdleTimer, MAX_TIMER_DELAY_MS } from '../src/idle-timer.js';

describe('clampDelay', () => {
  it('keeps delays setTimeout can wait and caps longer ones at 2^31−1 ms', () => {
    expect(MAX_TIMER_DELAY_MS).toBe(2_147_483_647);
    expect(clampDelay(1500)).toBe(1500);
    expect(clampDelay(MAX_TIMER_DELAY_MS)).toBe(MAX_TIMER_DELAY_MS);
    expect(clampDelay(MAX_TIMER_DELAY_MS + 1)).toBe(MAX_TIMER_DELAY_MS);
    expect(clampDelay(9_999_999_999_000)).toBe(MAX_TIMER_DELAY_MS);
    expect(clampDelay(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_DELAY_MS);
  });

  it('makes negative and NaN delays 0', () => {
    expect(clampDelay(-5)).toBe(0);
    expect(clampDelay(Number.NaN)).toBe(0);
  });

  it('never returns a negative delay, not even -0', () => {
    // toBe tells -0 from 0.
    expect(clampDelay(-0)).toBe(0);
    expect(clampDelay(0)).toBe(0);
  });
});

describe('createIdleTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once the time passes after start, and not before', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(0.2, onIdle);
    timer.start();
    vi.advanceTimersByTime(199);
    expect(onIdle).not.toHaveBeenCalled();
    expect(timer.fired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.fired).toBe(true);
  });

  it('counts nothing while stopped; start counts afresh', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(0.2, onIdle);
    timer.start();
    vi.advanceTimersByTime(150);
    timer.stop();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).not.toHaveBeenCalled();
    timer.start();
    vi.advanceTimersByTime(150);
    timer.start();
    vi.advanceTimersByTime(150);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires without a limit', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(undefined, onIdle);
    timer.start();
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS * 2);
    expect(onIdle).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a limit beyond the timer range waits the whole range instead of firing at once', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(3e9, onIdle);
    timer.start();
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
