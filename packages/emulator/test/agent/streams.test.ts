import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAgentService } from '../../src/agent/index.js';
import {
  AGENT_TOKEN,
  collectWs,
  type Served,
  serveService,
  testContext,
  wsHandshakeStatus,
} from '../ray/harness.js';

let served: Served;
const auth = { Authorization: AGENT_TOKEN };

beforeAll(async () => {
  const context = testContext();
  served = await serveService(createAgentService(context), context);
});
afterAll(() => served.close());

async function scripted(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${served.url}/__emulator/jobs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { job_id: string }).job_id;
}

/** Reads a streamed body chunk by chunk, counting lines and bytes without keeping it all. */
async function consume(
  response: Response,
): Promise<{ lines: number; bytes: number; longest: number; head: string }> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let lines = 0;
  let bytes = 0;
  let current = 0;
  let longest = 0;
  let head = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    const text = decoder.decode(value, { stream: true });
    if (head.length < 200) head += text.slice(0, 200);
    for (const part of text.split('\n').slice(0, -1)) {
      lines++;
      longest = Math.max(longest, current + part.length);
      current = 0;
    }
    current += text.length - text.lastIndexOf('\n') - 1;
  }
  return { lines, bytes, longest, head };
}

function stream(id: string, headers: Record<string, string> = auth): Promise<Response> {
  return fetch(`${served.url}/ray/jobs/${id}/logs/stream/`, { headers });
}

describe('scripted jobs and the HTTP log stream', () => {
  it('streams scripted lines as text/plain and ends with the job', async () => {
    const id = await scripted({
      id: 'scripted-basic',
      lines: ['alpha', 'beta'],
      repeat: { count: 3, line: 'n={n}' },
    });
    expect(id).toBe('scripted-basic');
    const response = await stream(id);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toBe('alpha\nbeta\nn=1\nn=2\nn=3\n');
    const job = (await (await fetch(`${served.url}/jobs/${id}/`, { headers: auth })).json()) as {
      status: string;
    };
    expect(job.status).toBe('SUCCEEDED');
  });

  it('accepts Agent-Token on the stream routes and rejects bad tokens', async () => {
    const id = await scripted({ lines: ['x'] });
    expect((await stream(id, { 'Agent-Token': `Token ${AGENT_TOKEN}` })).status).toBe(200);
    expect((await stream(id, { 'Agent-Token': 'Token wrong' })).status).toBe(401);
    expect((await stream(id, {})).status).toBe(401);
    expect((await stream('missing-job')).status).toBe(404);
  });

  it('flushes lines as they are produced', async () => {
    const id = await scripted({ lines: ['first', 'second'], intervalMs: 60_000 });
    const response = await stream(id);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('first\n');
    await fetch(`${served.url}/jobs/${id}/stop/`, { method: 'POST', headers: auth });
    expect((await reader?.read())?.done).toBe(true);
  });

  it('streams 60,000 lines', async () => {
    const id = await scripted({ repeat: { count: 60_000, line: 'line {n}' } });
    expect((await consume(await stream(id))).lines).toBe(60_000);
  });

  it('streams a 20,000-character line between normal lines', async () => {
    const id = await scripted({ lines: ['before'], repeat: { count: 1, length: 20_000 } });
    const text = await (await stream(id)).text();
    expect(text.split('\n').map((line) => line.length)).toEqual([6, 20_000, 0]);
  });

  it('streams sixty 1 MiB lines', async () => {
    const id = await scripted({ repeat: { count: 60, length: 1024 * 1024 } });
    const result = await consume(await stream(id));
    expect(result).toMatchObject({ lines: 60, longest: 1024 * 1024, bytes: 60 * (1024 * 1024 + 1) });
  });

  it('drops the connection mid-stream after dropAfterLines', async () => {
    const id = await scripted({ repeat: { count: 100, line: 'l{n}' }, dropAfterLines: 10 });
    const response = await stream(id);
    await expect(response.text()).rejects.toThrow();
  });

  it('rejects bad scripted-job requests', async () => {
    for (const body of [
      { lines: [1] },
      { id: 'bad/id' },
      { status: 'RUNNING' },
      { repeat: { count: -1, line: 'x' } },
    ]) {
      const response = await fetch(`${served.url}/__emulator/jobs`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
  });

  it('ends FAILED when asked', async () => {
    const id = await scripted({ lines: ['boom'], status: 'FAILED', exitCode: 7 });
    await (await stream(id)).text();
    const job = (await (await fetch(`${served.url}/jobs/${id}/`, { headers: auth })).json()) as Record<
      string,
      unknown
    >;
    expect(job).toMatchObject({ status: 'FAILED', driver_exit_code: 7 });
  });
});

describe('the WebSocket log tail', () => {
  const wsUrl = (id: string) => `${served.wsUrl}/ray/jobs/${id}/logs/ws/`;

  it('sends one message per line, then closes normally', async () => {
    const id = await scripted({ lines: ['a', 'b'], repeat: { count: 2000, line: 'm{n}' }, intervalMs: 0 });
    const { messages, code } = await collectWs(wsUrl(id), { 'Agent-Token': `Token ${AGENT_TOKEN}` });
    expect(code).toBe(1000);
    expect(messages).toHaveLength(2002);
    expect(messages.slice(0, 3)).toEqual(['a\n', 'b\n', 'm1\n']);
    expect(messages.at(-1)).toBe('m2000\n');
  });

  it('follows a running simulated job to its end', async () => {
    const run = await fetch(`${served.url}/plugin_releases/demo/run/`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'train' }),
    });
    const { job_id } = (await run.json()) as { job_id: string };
    const { messages, code } = await collectWs(wsUrl(job_id), auth);
    expect(code).toBe(1000);
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.every((message) => message.endsWith('\n'))).toBe(true);
  });

  it('rejects handshakes without auth or for unknown jobs', async () => {
    const id = await scripted({ lines: ['x'] });
    expect((await wsHandshakeStatus(wsUrl(id))).status).toBe(401);
    expect((await wsHandshakeStatus(wsUrl('missing'), auth)).status).toBe(404);
  });

  it('terminates the socket abnormally for dropAfterLines', async () => {
    const id = await scripted({ repeat: { count: 50, line: 'l{n}' }, dropAfterLines: 5 });
    const { messages, code } = await collectWs(wsUrl(id), auth);
    expect(code).toBe(1006);
    expect(messages.length).toBeLessThanOrEqual(5);
  });

  it('ignores paths that are not its own', async () => {
    const ws = new WebSocket(`${served.wsUrl}/other/`, { headers: auth });
    await new Promise((resolve) => ws.on('error', resolve));
  });
});
