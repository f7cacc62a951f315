import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineSignals } from '../src/deadline-signals.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('DeadlineSignals', () => {
  it('a lease aborts with a timeout error once its delay has passed, not before', () => {
    const lease = new DeadlineSignals().acquire(1000);
    vi.advanceTimersByTime(999);
    expect(lease.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(lease.signal.aborted).toBe(true);
    expect(lease.signal.reason).toEqual(new Error('timeout'));
  });

  it('leases taken within 1 % of the delay of the first share its signal; a later one gets a new one', () => {
    const signals = new DeadlineSignals();
    const first = signals.acquire(1000);
    expect(signals.acquire(1000).signal).toBe(first.signal);
    vi.advanceTimersByTime(10);
    expect(signals.acquire(1000).signal).toBe(first.signal);
    vi.advanceTimersByTime(1);
    const later = signals.acquire(1000);
    expect(later.signal).not.toBe(first.signal);
    // The shared signal fires when the first lease's delay is up: at most 1 % early for the others.
    vi.advanceTimersByTime(989);
    expect([first.signal.aborted, later.signal.aborted]).toEqual([true, false]);
    vi.advanceTimersByTime(11);
    expect(later.signal.aborted).toBe(true);
  });

  it('the window to share is at most 50 ms, however long the delay', () => {
    const signals = new DeadlineSignals();
    const first = signals.acquire(60_000);
    vi.advanceTimersByTime(50);
    expect(signals.acquire(60_000).signal).toBe(first.signal);
    vi.advanceTimersByTime(1);
    expect(signals.acquire(60_000).signal).not.toBe(first.signal);
  });

  it('leases of different delays never share', () => {
    const signals = new DeadlineSignals();
    expect(signals.acquire(1000).signal).not.toBe(signals.acquire(2000).signal);
  });

  it('a signal is lent 32 times at most', () => {
    const signals = new DeadlineSignals();
    const first = signals.acquire(1000);
    for (let i = 1; i < 32; i++) expect(signals.acquire(1000).signal).toBe(first.signal);
    const next = signals.acquire(1000);
    expect(next.signal).not.toBe(first.signal);
    expect(signals.acquire(1000).signal).toBe(next.signal);
  });

  it('once its window has closed and its last lease is released, a signal no longer fires', () => {
    const signals = new DeadlineSignals();
    const first = signals.acquire(1000);
    vi.advanceTimersByTime(20);
    signals.acquire(1000);
    first.release();
    vi.advanceTimersByTime(5000);
    expect(first.signal.aborted).toBe(false);
  });

  it('a signal whose window closed while nobody held it no longer fires', () => {
    const signals = new DeadlineSignals();
    const first = signals.acquire(1000);
    first.release();
    vi.advanceTimersByTime(20);
    signals.acquire(1000);
    vi.advanceTimersByTime(5000);
    expect(first.signal.aborted).toBe(false);
  });

  it('a signal still fires for the leases that hold it, whatever the others do', () => {
    const signals = new DeadlineSignals();
    const held = signals.acquire(1000);
    const done = signals.acquire(1000);
    vi.advanceTimersByTime(20);
    signals.acquire(1000);
    // Releasing twice must not count as two leases.
    done.release();
    done.release();
    vi.advanceTimersByTime(980);
    expect(held.signal.aborted).toBe(true);
  });

  it('a signal whose window is open stays armed when its leases are released, for the next to borrow', () => {
    const signals = new DeadlineSignals();
    signals.acquire(1000).release();
    const next = signals.acquire(1000);
    vi.advanceTimersByTime(1000);
    expect(next.signal.aborted).toBe(true);
  });

  it('works where timers are plain numbers (browsers)', () => {
    const delays: number[] = [];
    vi.stubGlobal('setTimeout', (_run: () => void, ms: number) => delays.push(ms));
    const lease = new DeadlineSignals().acquire(1000);
    expect(lease.signal.aborted).toBe(false);
    expect(delays).toEqual([1000]);
  });
});
