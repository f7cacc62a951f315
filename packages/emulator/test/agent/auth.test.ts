import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentService } from '../../src/agent/index.js';
import { AGENT_TOKEN, type Served, serveService, testContext, wsHandshakeStatus } from '../ray/harness.js';

let served: Served;
beforeAll(async () => {
  const context = testContext();
  served = await serveService(createAgentService(context), context);
});
afterAll(() => served.close());

const MISSING = { detail: 'Authentication credentials were not provided.' };
const INVALID = { detail: 'Invalid token.' };

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${served.url}/${path}`, { headers });
  return [response.status, await response.json()];
}

async function job(): Promise<string> {
  const response = await fetch(`${served.url}/__emulator/jobs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ lines: ['x'] }),
  });
  return ((await response.json()) as { job_id: string }).job_id;
}

describe('agent auth failures', () => {
  it('tells a missing token from a wrong one', async () => {
    expect(await get('health/')).toEqual([401, MISSING]);
    expect(await get('health/', { Authorization: 'wrong' })).toEqual([401, INVALID]);
    // Outside the log streams, Agent-Token is not read at all.
    expect(await get('health/', { 'Agent-Token': `Token ${AGENT_TOKEN}` })).toEqual([401, MISSING]);
  });

  it('on the log stream: a wrong Agent-Token is an invalid token', async () => {
    const id = await job();
    expect(await get(`ray/jobs/${id}/logs/stream/`, { 'Agent-Token': 'Token wrong' })).toEqual([
      401,
      INVALID,
    ]);
    expect(await get(`ray/jobs/${id}/logs/stream/`, { 'Agent-Token': AGENT_TOKEN })).toEqual([401, INVALID]);
    expect(await get(`ray/jobs/${id}/logs/stream/`)).toEqual([401, MISSING]);
  });

  it('on the log WebSocket: the same answers, and either header works', async () => {
    const id = await job();
    const url = `${served.wsUrl}/ray/jobs/${id}/logs/ws/`;
    const handshake = async (headers: Record<string, string>) => {
      const { status, body } = await wsHandshakeStatus(url, headers);
      return [status, JSON.parse(body)];
    };
    expect(await handshake({})).toEqual([401, MISSING]);
    expect(await handshake({ 'Agent-Token': 'Token wrong' })).toEqual([401, INVALID]);
    expect(await handshake({ Authorization: 'wrong' })).toEqual([401, INVALID]);
  });

  it('leaves the /__emulator/ test tools open', async () => {
    expect(await get('__emulator/nothing')).toEqual([404, { detail: 'Not found.' }]);
  });
});
