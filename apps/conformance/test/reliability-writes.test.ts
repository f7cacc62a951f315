import { AnnotationClient } from '@synapse/annotation';
import { isClientError } from '@synapse/core';
import { DataCollectionClient } from '@synapse/data';
import type { Emulator } from '@synapse/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendOptions, start } from './support/emulator.js';

let emulator: Emulator;
let annotation: AnnotationClient;

beforeAll(async () => {
  emulator = await start();
  annotation = new AnnotationClient({ ...backendOptions(emulator), maxRetries: 5 });
});
afterEach(() => emulator.faults.clear());
afterAll(() => emulator.stop());

/** How many stored tasks carry each marker, read straight from the emulator. */
async function markerCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const response = await fetch(`${emulator.backendUrl}/sdk/tasks/?page_size=1000`, {
    headers: { 'Synapse-Access-Token': `Token ${emulator.tokens.accessToken}` },
  });
  const page = (await response.json()) as { count: number; results: { marker?: string }[] };
  expect(page.count).toBeLessThanOrEqual(1000);
  for (const task of page.results) {
    if (task.marker) counts.set(task.marker, (counts.get(task.marker) ?? 0) + 1);
  }
  return counts;
}

describe('writes under injected 502s and dropped responses', () => {
  it('creates no duplicate: each POST is stored at most once, and exactly once when it succeeded', async () => {
    const before = emulator.stats().resources.tasks ?? 0;
    emulator.faults.add({ method: 'POST', path: '/tasks/', status: 502, rate: 0.25, seed: 3 });
    emulator.faults.add({ method: 'POST', path: '/tasks/', drop: 'response', rate: 0.25, seed: 4 });
    const outcomes: { marker: string; result: 'ok' | 502 | 'dropped' }[] = [];
    for (let i = 0; i < 80; i++) {
      const marker = `write-${i}`;
      try {
        const task = await annotation.createTasks({ project: 1, marker });
        expect(task.marker).toBe(marker);
        outcomes.push({ marker, result: 'ok' });
      } catch (error) {
        if (!isClientError(error)) throw error;
        if (error.status === 502) {
          expect(error.name).toBe('ServerError');
          outcomes.push({ marker, result: 502 });
        } else {
          expect(error.name).toBe('ConnectionError');
          outcomes.push({ marker, result: 'dropped' });
        }
      }
    }
    const counts = await markerCounts();
    const byResult = (result: string | number) => outcomes.filter((o) => o.result === result);
    expect(byResult(502).length).toBeGreaterThan(5);
    expect(byResult('dropped').length).toBeGreaterThan(5);
    for (const { marker } of byResult('ok')) expect(counts.get(marker)).toBe(1);
    // A 502 here never reached the handler; a dropped response did, once, and was not sent again.
    for (const { marker } of byResult(502)) expect(counts.get(marker)).toBeUndefined();
    for (const { marker } of byResult('dropped')) expect(counts.get(marker)).toBe(1);
    const after = emulator.stats().resources.tasks ?? 0;
    expect(after - before).toBe(byResult('ok').length + byResult('dropped').length);
  });

  it('a POST answered 429 is retried and stored once', async () => {
    const before = emulator.stats().resources.tasks ?? 0;
    emulator.faults.add({ method: 'POST', path: '/tasks/', status: 429, retryAfter: 0, times: 2 });
    const task = await annotation.createTasks({ project: 1, marker: 'after-429' });
    expect((await markerCounts()).get('after-429')).toBe(1);
    expect(task.marker).toBe('after-429');
    expect((emulator.stats().resources.tasks ?? 0) - before).toBe(1);
  });

  it('a POST whose connection drops before it is handled is not stored and not retried', async () => {
    const before = emulator.stats().resources.tasks ?? 0;
    const rule = emulator.faults.add({ method: 'POST', path: '/tasks/', drop: 'request', times: 1 });
    await expect(annotation.createTasks({ project: 1, marker: 'dropped-request' })).rejects.toMatchObject({
      name: 'ConnectionError',
    });
    expect(emulator.faults.list().find((r) => r.id === rule)).toBeUndefined();
    expect(emulator.stats().resources.tasks ?? 0).toBe(before);
  });

  it('a multipart data file POST with a dropped response is stored once', async () => {
    const data = new DataCollectionClient({ ...backendOptions(emulator), maxRetries: 5 });
    const before = emulator.stats().resources.data_files ?? 0;
    emulator.faults.add({ method: 'POST', path: '/data_files/', drop: 'response', times: 1 });
    const error = await data.createDataFile(new Blob(['{"a":1}']), {}).catch((e: unknown) => e);
    expect(isClientError(error)).toBe(true);
    expect((emulator.stats().resources.data_files ?? 0) - before).toBe(1);
    await data.createDataFile(new Blob(['{"a":2}']));
    expect((emulator.stats().resources.data_files ?? 0) - before).toBe(2);
  });

  it('an idempotent PUT is retried through 502s and drops and changes one object in place', async () => {
    const before = emulator.stats().resources.tasks ?? 0;
    emulator.faults.add({ method: 'PUT', path: '/tasks/2/annotate_task_data/', status: 502, times: 2 });
    emulator.faults.add({ method: 'PUT', path: '/tasks/2/annotate_task_data/', drop: 'response', times: 2 });
    const task = await annotation.annotateTaskData(2, { label: 'cat' });
    expect(task.data).toEqual({ label: 'cat' });
    expect(emulator.faults.list()).toEqual([]);
    expect(emulator.stats().resources.tasks ?? 0).toBe(before);
  });
});
