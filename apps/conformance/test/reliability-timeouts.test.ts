import { AnnotationClient } from '@synapse/annotation';
import { AbortError, CoreClient, TimeoutError } from '@synapse/core';
import type { Emulator } from '@synapse/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendOptions, elapsed, rejection, start } from './support/emulator.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await start();
});
afterEach(() => emulator.faults.clear());
afterAll(() => emulator.stop());

// Bounds are generous on purpose: the timer must not fire early, and must fire long before the server answers.
describe('timeouts fire close to the configured values', () => {
  it('the wait for response headers is bounded by connect + read', async () => {
    emulator.faults.add({ path: '/projects/1/', latencyMs: 8000 });
    const client = new AnnotationClient({
      ...backendOptions(emulator),
      timeout: { connect: 0.1, read: 0.2 },
      maxRetries: 0,
    });
    const started = performance.now();
    const error = await rejection(client.getProject(1));
    const seconds = elapsed(started);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ status: 408, reason: 'Backend read timeout (>0.2s)' });
    expect(seconds).toBeGreaterThanOrEqual(0.29);
    expect(seconds).toBeLessThan(4);
  });

  it('a per-call timeout overrides the client setting', async () => {
    emulator.faults.add({ path: '/tasks/1/', latencyMs: 8000 });
    const client = new AnnotationClient({ ...backendOptions(emulator), maxRetries: 0 });
    const started = performance.now();
    const error = await rejection(client.getTask(1, undefined, { timeout: { connect: 0.2, read: 0.3 } }));
    const seconds = elapsed(started);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seconds).toBeGreaterThanOrEqual(0.49);
    expect(seconds).toBeLessThan(4);
  });

  it('each retry gets its own timeout, and the last TimeoutError is thrown', async () => {
    const rule = emulator.faults.add({ path: '/projects/1/', latencyMs: 8000 });
    const client = new AnnotationClient({
      ...backendOptions(emulator),
      timeout: { connect: 0.1, read: 0.1 },
      maxRetries: 2,
    });
    const started = performance.now();
    await expect(client.getProject(1)).rejects.toBeInstanceOf(TimeoutError);
    expect(elapsed(started)).toBeGreaterThanOrEqual(0.59);
    expect(elapsed(started)).toBeLessThan(6);
    expect(emulator.faults.list().find((r) => r.id === rule)?.hits).toBe(3);
  });
});

describe('an abort stops promptly', () => {
  it('during a Retry-After wait', async () => {
    emulator.faults.add({ path: '/projects/1/', status: 503, retryAfter: 30 });
    const client = new AnnotationClient({ ...backendOptions(emulator), retry: { maxRetryAfter: 60 } });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 200);
    const error = await rejection(client.getProject(1, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(elapsed(started)).toBeLessThan(5);
  });

  it('during a slow request', async () => {
    emulator.faults.add({ path: '/projects/1/', latencyMs: 20_000 });
    const client = new AnnotationClient(backendOptions(emulator));
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 200);
    await expect(client.getProject(1, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(elapsed(started)).toBeLessThan(5);
  });

  it('during a chunk upload, and no further chunk is sent', async () => {
    const client = new CoreClient(backendOptions(emulator));
    const controller = new AbortController();
    const bytes = new Uint8Array(256 * 1024).fill(7);
    let url: string | undefined;
    const started = performance.now();
    const error = await rejection(
      client.createChunkedUpload(bytes, {
        chunkSize: 64 * 1024,
        signal: controller.signal,
        onUploadUrl: (uploadUrl) => {
          url = uploadUrl;
          // Every later chunk hangs; the abort must end the one in flight.
          emulator.faults.add({ method: 'PUT', path: '/chunked_upload/*', latencyMs: 20_000 });
          setTimeout(() => controller.abort(), 200);
        },
      }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(elapsed(started)).toBeLessThan(5);
    const status = await fetch(url as string, {
      headers: { 'Synapse-Access-Token': `Token ${emulator.tokens.accessToken}` },
    });
    expect(((await status.json()) as { offset: number }).offset).toBe(64 * 1024);
  });

  it('during the wait between chunk retries', async () => {
    const client = new CoreClient({ ...backendOptions(emulator), retry: { initialDelay: 30, maxDelay: 30 } });
    const controller = new AbortController();
    const started = performance.now();
    const error = await rejection(
      client.createChunkedUpload(new Uint8Array(128 * 1024), {
        chunkSize: 64 * 1024,
        signal: controller.signal,
        onUploadUrl: () => {
          emulator.faults.add({ method: 'PUT', path: '/chunked_upload/*', status: 503 });
          setTimeout(() => controller.abort(), 300);
        },
      }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(elapsed(started)).toBeLessThan(5);
  });
});
