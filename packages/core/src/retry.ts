import { AbortError } from './errors.js';
import { clampDelay } from './idle-timer.js';
import type { RetryDelayOptions } from './options.js';
import type { TransportFailure } from './transport.js';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRY_STATUSES = new Set([408, 429, 502, 503, 504]);

/**
 * Whether an attempt may be repeated. Idempotent methods retry on 408/429/502/503/504 and on connection
 * failures. POST and PATCH retry only when the server provably did not act: the connection was refused or the
 * host was not found before anything was sent, or it answered 429. (The Python client also retries POST on
 * 502–504, which can create duplicates.)
 */
export function isRetryable(method: string, outcome: { status: number } | TransportFailure): boolean {
  const idempotent = IDEMPOTENT.has(method.toUpperCase());
  if ('status' in outcome)
    return outcome.status === 429 || (idempotent && RETRY_STATUSES.has(outcome.status));
  if (['aborted', 'tls', 'blocked', 'input'].includes(outcome.kind)) return false;
  return idempotent || !outcome.sent;
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}

/** Seconds to wait before retry number `retry` (0-based): exponential with up to 25% jitter, or the server's word. */
export function retryDelay(
  retry: number,
  options: Required<RetryDelayOptions>,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, options.maxRetryAfter);
  const base = Math.min(options.initialDelay * 2 ** retry, options.maxDelay);
  return base * (1 - 0.25 * random());
}

/** Waits (at most the timer's range, about 24.8 days), or rejects with `AbortError` as soon as the signal fires. */
export function sleep(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError('The request was aborted', { cause: signal.reason }));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      // Stryker disable next-line OptionalChaining: it runs only as the signal's listener, so signal is set
      reject(new AbortError('The request was aborted while waiting to retry', { cause: signal?.reason }));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      clampDelay(seconds * 1000),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
