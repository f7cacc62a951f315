import { setTimeout as delay } from 'node:timers/promises';
import { AgentClient } from '@synapse/agent';
import { ClientError, isClientError } from '@synapse/core';
import type { Emulator } from '@synapse/emulator';
import { IntegrationClient } from '@synapse/integration';
import { RayClient } from '@synapse/ray';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendOptions, drain, scriptJob, start } from './support/emulator.js';

let emulator: Emulator;
let agent: AgentClient;
let ray: RayClient;

beforeAll(async () => {
  emulator = await start();
  agent = new AgentClient({ baseUrl: emulator.agentUrl, agentToken: emulator.tokens.agentToken });
  ray = new RayClient({ baseUrl: emulator.rayUrl });
});
afterEach(() => emulator.faults.clear());
afterAll(() => emulator.stop());

const LINES = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
const script = { repeat: { count: 40, line: 'line {n}' }, intervalMs: 2 };
const dropping = { ...script, dropAfterLines: 10 };

function expectDropped(result: { items: string[]; error: unknown }): void {
  expect(result.error).toBeInstanceOf(ClientError);
  expect(isClientError(result.error)).toBe(true);
  expect(result.items.length).toBeLessThan(LINES.length);
  expect(result.items).toEqual(LINES.slice(0, result.items.length));
}

/** Runs the emulator's plugin 1; its reply always names the job it started. */
async function runJob(): Promise<number | string> {
  const integration = new IntegrationClient(backendOptions(emulator));
  const run = await integration.runPlugin(1, { action: 'train', params: {} });
  expect(run.job_id).toBeDefined();
  return run.job_id as number | string;
}

describe('console log tail (backend)', () => {
  it('ends cleanly when the job ends and the server closes the stream', async () => {
    const integration = new IntegrationClient(backendOptions(emulator));
    const jobId = await runJob();
    const result = await drain(integration.tailJobConsoleLogs(jobId));
    expect(result.error).toBeUndefined();
    expect(result.items.length).toBeGreaterThan(0);
    expect((await integration.getJob(jobId)).status).toBe('succeeded');
  });

  it('raises a ClientError when the connection drops', async () => {
    const integration = new IntegrationClient({ ...backendOptions(emulator), maxRetries: 0 });
    const jobId = await runJob();
    emulator.faults.add({ method: 'GET', path: '/jobs/*/tail_console_logs/', drop: 'response', times: 1 });
    const result = await drain(integration.tailJobConsoleLogs(jobId));
    expect(result.error).toBeInstanceOf(ClientError);
    expect(result.error).toMatchObject({ name: 'ConnectionError', status: 503 });
  });
});

describe('agent log tails', () => {
  it('stream: ends cleanly with every line when the job ends', async () => {
    const id = await scriptJob(emulator.agentUrl, script);
    const result = await drain(agent.streamTailJobLogs(id));
    expect(result).toEqual({ items: LINES, error: undefined });
  });

  it('stream: raises a ClientError when the connection drops', async () => {
    const id = await scriptJob(emulator.agentUrl, dropping);
    expectDropped(await drain(agent.streamTailJobLogs(id)));
  });

  it('WebSocket: ends cleanly with every line on close 1000', async () => {
    const id = await scriptJob(emulator.agentUrl, script);
    const result = await drain(agent.websocketTailJobLogs(id));
    expect(result).toEqual({ items: LINES, error: undefined });
  });

  it('WebSocket: raises a ClientError when the connection drops', async () => {
    const id = await scriptJob(emulator.agentUrl, dropping);
    expectDropped(await drain(agent.tailJobLogs(id, { protocol: 'websocket' })));
  });
});

describe('Ray log tail', () => {
  it('ends cleanly with every line when the job ends', async () => {
    const id = await scriptJob(emulator.rayUrl, script);
    const result = await drain(ray.tailJobLogs(id));
    expect(result).toEqual({ items: LINES, error: undefined });
    expect((await ray.getJobInfo(id)).status).toBe('SUCCEEDED');
  });

  it('raises a ClientError when the connection drops', async () => {
    const id = await scriptJob(emulator.rayUrl, dropping);
    expectDropped(await drain(ray.tailJobLogs(id)));
  });
});

describe('slow consumers: a tail times only the wait for the server', () => {
  /** Drains a tail, taking 300 ms over every 10th line (longer than the 0.2 s idle timeouts below). */
  async function drainSlowly(lines: AsyncIterable<string>): Promise<{ items: string[]; error: unknown }> {
    const items: string[] = [];
    try {
      for await (const line of lines) {
        items.push(line);
        if (items.length % 10 === 1) await delay(300);
      }
    } catch (error) {
      return { items, error };
    }
    return { items, error: undefined };
  }

  it('agent stream and WebSocket: every line, though the consumer outlasts streamTimeout', async () => {
    for (const protocol of ['stream', 'websocket'] as const) {
      const id = await scriptJob(emulator.agentUrl, script);
      const result = await drainSlowly(agent.tailJobLogs(id, { protocol, streamTimeout: 0.2 }));
      expect(result).toEqual({ items: LINES, error: undefined });
    }
  });

  it('Ray WebSocket: every line', async () => {
    const id = await scriptJob(emulator.rayUrl, script);
    expect(await drainSlowly(ray.tailJobLogs(id))).toEqual({ items: LINES, error: undefined });
  });

  it('backend console logs: every line, though the consumer outlasts idleTimeout', async () => {
    const integration = new IntegrationClient(backendOptions(emulator));
    const id = await runJob();
    const result = await drainSlowly(integration.tailJobConsoleLogs(id, { idleTimeout: 0.2 }));
    expect(result).toEqual({
      items: [
        `Job ${id} queued (action: train)`,
        `Job ${id} started`,
        'Step 1/3 done',
        'Step 2/3 done',
        'Step 3/3 done',
        `Job ${id} succeeded`,
      ],
      error: undefined,
    });
  });
});
