import { AnnotationClient } from '@synapse/annotation';
import type { Emulator } from '@synapse/emulator';
import { HITLClient } from '@synapse/hitl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendOptions, captureLogger, elapsed, start } from './support/emulator.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await start();
});
afterAll(() => emulator.stop());

describe('reads under injected 503s and 429s', () => {
  it('every call succeeds within the retry budget, and 429 waits honour Retry-After', async () => {
    const { lines, logger } = captureLogger();
    const options = { ...backendOptions(emulator), maxRetries: 8, logger };
    const annotation = new AnnotationClient(options);
    const hitl = new HITLClient(options);
    const limited = emulator.faults.add({ method: 'GET', path: '*', status: 429, retryAfter: 1, times: 2 });
    const flaky = emulator.faults.add({ method: 'GET', path: '*', status: 503, rate: 0.3, seed: 7 });

    const started = performance.now();
    const calls = 120;
    for (let i = 0; i < calls; i++) {
      const id = (i % 3) + 1;
      if (i % 4 === 0) expect((await annotation.getProject(1)).id).toBe(1);
      else if (i % 4 === 1) expect((await annotation.getTask(id)).id).toBe(id);
      else if (i % 4 === 2) expect((await annotation.listTasks({ project: 1 })).count).toBe(3);
      else expect((await hitl.getAssignment((i % 2) + 1)).id).toBe((i % 2) + 1);
    }
    const seconds = elapsed(started);

    const fired = emulator.faults.list();
    expect(fired.find((rule) => rule.id === limited)).toBeUndefined(); // both 429s were used up
    const hits = fired.find((rule) => rule.id === flaky)?.hits ?? 0;
    // About 30% of the attempts failed, each one retried to success.
    expect(hits).toBeGreaterThan(calls * 0.2);
    const retries = lines.filter((line) => line.startsWith('retrying GET'));
    expect(retries).toHaveLength(hits + 2);

    // Each 429 is followed by a planned wait of exactly Retry-After (1 s) and the two waits really happened.
    const after429 = lines
      .map((line, index) => (line.startsWith('← 429') ? lines[index + 1] : undefined))
      .filter((line): line is string => line !== undefined);
    expect(after429).toHaveLength(2);
    for (const line of after429) expect(line).toMatch(/^retrying GET .* in 1000 ms/);
    expect(seconds).toBeGreaterThanOrEqual(2);
    // Every other wait is the short exponential backoff, not a Retry-After.
    const backoffs = retries.filter((line) => !after429.includes(line));
    for (const line of backoffs) expect(Number(/in (\d+) ms/.exec(line)?.[1])).toBeLessThanOrEqual(50);
    emulator.faults.clear();
  });

  it('Retry-After on a 503 is honoured too', async () => {
    const { lines, logger } = captureLogger();
    const annotation = new AnnotationClient({ ...backendOptions(emulator), logger });
    emulator.faults.add({ path: '/projects/1/', status: 503, retryAfter: 1, times: 1 });
    const started = performance.now();
    expect((await annotation.getProject(1)).id).toBe(1);
    expect(elapsed(started)).toBeGreaterThanOrEqual(1);
    expect(lines.filter((line) => line.startsWith('retrying'))).toEqual([
      expect.stringMatching(/in 1000 ms \(retry 1\/3\)$/),
    ]);
  });

  it('a read that keeps failing throws the last error with its real status once the budget is spent', async () => {
    const annotation = new AnnotationClient({ ...backendOptions(emulator), maxRetries: 2 });
    const rule = emulator.faults.add({ path: '/projects/1/', status: 503 });
    await expect(annotation.getProject(1)).rejects.toMatchObject({ name: 'ServerError', status: 503 });
    expect(emulator.faults.list().find((r) => r.id === rule)?.hits).toBe(3);
    emulator.faults.clear();
  });
});
