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

describe('console log tail (backend)', () => {
  async function runJob(): Promise<number | string> {
    const integration = new IntegrationClient(backendOptions(emulator));
    const run = await integration.runPlugin(1, { action: 'train', params: {} });
    return run.job_id;
  }

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
