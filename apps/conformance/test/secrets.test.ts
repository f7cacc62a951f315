import { type AddressInfo, createServer } from 'node:net';
import { inspect } from 'node:util';
import { AgentClient } from '@synapse/agent';
import { AnnotationClient } from '@synapse/annotation';
import { isSynapseError } from '@synapse/core';
import type { Emulator } from '@synapse/emulator';
import { IntegrationClient } from '@synapse/integration';
import { RayClient } from '@synapse/ray';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLogger, drain, FAST_RETRY, scriptJob, start } from './support/emulator.js';
import { exposed } from './support/exposed.js';

const ACCESS = 'sk-conformance-access-5f1e2d3c4b5a';
const READ_ONLY = 'sk-conformance-readonly-6a7b8c9d';
const AGENT = 'sk-conformance-agent-0a1b2c3d4e';
const WRONG = 'sk-conformance-wrong-77e6d5c4';
const RAY_HEADER = 'sk-conformance-ray-proxy-8d9e0f';
const SECRETS = [ACCESS, READ_ONLY, AGENT, WRONG, RAY_HEADER];

let emulator: Emulator;
const { lines, logger } = captureLogger();

beforeAll(async () => {
  emulator = await start({ tokens: { accessToken: ACCESS, readOnlyToken: READ_ONLY, agentToken: AGENT } });
});
afterEach(() => emulator.faults.clear());
afterAll(() => emulator.stop());

const common = { retry: FAST_RETRY, maxRetries: 1, logger };
const backend = (token = ACCESS, extra = {}) =>
  new AnnotationClient({ baseUrl: emulator.backendUrl, apiToken: token, ...common, ...extra });
const integration = () =>
  new IntegrationClient({ baseUrl: emulator.backendUrl, apiToken: ACCESS, ...common });
const agent = (token = AGENT) =>
  new AgentClient({ baseUrl: emulator.agentUrl, agentToken: token, ...common });
const ray = () =>
  new RayClient({ baseUrl: emulator.rayUrl, headers: { Authorization: `Bearer ${RAY_HEADER}` }, ...common });

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isSynapseError(error)).toBe(true);
  return error;
}

const HTTP_PATHS: [what: string, status: number, run: () => Promise<unknown>][] = [
  ['400 field errors', 400, () => backend().createTasks({ project: 999 })],
  ['401 wrong token', 401, () => backend(WRONG).getProject(1)],
  ['403 read-only token writing', 403, () => backend(READ_ONLY).createTasks({ project: 1 })],
  ['404 unknown id', 404, () => backend().getProject(999)],
  ['404 agent token in the path', 404, () => integration().healthCheckAgent(WRONG)],
  ['401 agent with a wrong token', 401, () => agent(WRONG).healthCheck()],
  ['404 Ray job with a secret header', 404, () => ray().getJobInfo('raysubmit_missing')],
];

describe('no token appears in any error, toJSON, log line or cause', () => {
  it.each(HTTP_PATHS)('%s', async (_what, status, run) => {
    lines.length = 0;
    const error = await failure(run);
    expect(error).toMatchObject({ status });
    expectNoSecret(exposed(error));
    expect(lines.length).toBeGreaterThan(0);
    expectNoSecret(lines.join('\n'));
  });

  it.each([429, 500, 502, 503])('injected %i after retries', async (status) => {
    lines.length = 0;
    emulator.faults.add({ path: '*', status, retryAfter: status === 429 ? 0 : undefined });
    const error = await failure(() => backend().getProject(1));
    expect(error).toMatchObject({ status });
    expectNoSecret(exposed(error));
    expect(lines.some((line) => line.startsWith('retrying'))).toBe(status !== 500);
    expectNoSecret(lines.join('\n'));
  });

  it.each([
    ['dropped response', { drop: 'response' as const }, 'ConnectionError'],
    ['dropped request', { drop: 'request' as const }, 'ConnectionError'],
    ['timeout', { latencyMs: 3000 }, 'TimeoutError'],
  ])('%s', async (_what, fault, name) => {
    lines.length = 0;
    emulator.faults.add({ path: '*', ...fault });
    const client = backend(ACCESS, { timeout: { connect: 0.1, read: 0.2 } });
    const error = await failure(() => client.getProject(1));
    expect(error).toMatchObject({ name });
    expectNoSecret(exposed(error));
    expectNoSecret(lines.join('\n'));
  });

  it('connection refused', async () => {
    lines.length = 0;
    const client = new AnnotationClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      apiToken: ACCESS,
      ...common,
    });
    const error = await failure(() => client.getProject(1));
    expect(error).toMatchObject({ name: 'ConnectionError', status: 503 });
    expectNoSecret(exposed(error));
    expectNoSecret(lines.join('\n'));
  });

  it('validation errors, including a malformed agent token passed as an argument', async () => {
    expectNoSecret(exposed(await failure(() => integration().healthCheckAgent(`../${AGENT}`))));
    expectNoSecret(exposed(await failure(() => backend().getTask('../x'))));
    // A body field of the wrong type is refused before sending, without quoting the value.
    expectNoSecret(
      exposed(
        await failure(() => backend().createTasks({ project: 1, data_unit: ACCESS as unknown as number })),
      ),
    );
    expectNoSecret(
      exposed(
        await failure(async () => new AnnotationClient({ baseUrl: 'http://api.example', apiToken: ACCESS })),
      ),
    );
  });

  it('a response that echoes the token is redacted', async () => {
    lines.length = 0;
    // The emulator puts the bad value in its field errors; here the value is the token itself, as a set-tags
    // action (a string the client sends as given).
    const error = await failure(() => backend().setTagsTasks({ ids: [1], tags: [1], action: ACCESS }));
    expect(error).toMatchObject({ status: 400 });
    expect(JSON.stringify((error as { body: unknown }).body)).toContain(
      '\\"[REDACTED]\\" is not a valid choice.',
    );
    expectNoSecret(exposed(error));
    expectNoSecret(lines.join('\n'));
  });

  it('log tails that drop, over HTTP and WebSocket', async () => {
    lines.length = 0;
    const script = { repeat: { count: 30, line: 'l{n}' }, dropAfterLines: 5 };
    const tails = [
      agent().streamTailJobLogs(await scriptJob(emulator.agentUrl, script)),
      agent().websocketTailJobLogs(await scriptJob(emulator.agentUrl, script)),
      agent(WRONG).websocketTailJobLogs(await scriptJob(emulator.agentUrl, script)),
      agent(WRONG).streamTailJobLogs(await scriptJob(emulator.agentUrl, script)),
      ray().tailJobLogs(await scriptJob(emulator.rayUrl, script)),
    ];
    for (const tail of tails) {
      const { error } = await drain(tail);
      expect(isSynapseError(error)).toBe(true);
      expectNoSecret(exposed(error));
    }
    const run = await integration().runPlugin(1, { action: 'go', params: {} });
    emulator.faults.add({ path: '/jobs/*/tail_console_logs/', drop: 'response' });
    expect(run.job_id).toBeDefined();
    const { error } = await drain(integration().tailJobConsoleLogs(run.job_id as number));
    expect(error).toMatchObject({ name: 'ConnectionError' });
    expectNoSecret(exposed(error));
    expectNoSecret(lines.join('\n'));
  });

  it('SYNAPSE_DEBUG=1 console output is redacted too', async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'debug').mockImplementation((...args: unknown[]) => {
      printed.push(
        args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 10 }))).join(' '),
      );
    });
    vi.stubEnv('SYNAPSE_DEBUG', '1');
    try {
      const client = new AnnotationClient({ baseUrl: emulator.backendUrl, apiToken: ACCESS, maxRetries: 0 });
      await failure(() => client.getProject(999));
    } finally {
      vi.unstubAllEnvs();
      spy.mockRestore();
    }
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.join('\n')).toContain('[REDACTED]');
    expectNoSecret(printed.join('\n'));
  });
});
