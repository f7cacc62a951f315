import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Setup, setup } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup();
});
afterAll(() => t.emulator.stop());

describe('auth', () => {
  it('401 without a token', async () => {
    const reply = await t.call('GET', 'projects/1/', { token: null });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ detail: 'Authentication credentials were not provided.' });
  });
  it('401 with a wrong token', async () => {
    const reply = await t.call('GET', 'projects/1/', { token: 'wrong' });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ detail: 'Invalid token.' });
  });
  it('accepts Authorization: Token and SYNAPSE-Agent', async () => {
    const { accessToken, agentToken } = t.emulator.tokens;
    const viaAuthorization = await t.call('GET', 'projects/1/', {
      token: null,
      headers: { Authorization: `Token ${accessToken}` },
    });
    expect(viaAuthorization.status).toBe(200);
    const viaAgent = await t.call('GET', 'projects/1/', {
      token: null,
      headers: { 'SYNAPSE-Agent': `Token ${agentToken}` },
    });
    expect(viaAgent.status).toBe(200);
  });
  it('read-only token reads but gets 403 on writes', async () => {
    const token = t.emulator.tokens.readOnlyToken;
    expect((await t.call('GET', 'sdk/tasks/', { token })).status).toBe(200);
    const write = await t.call('POST', 'tasks/', { token, json: { project: 1 } });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({ detail: 'You do not have permission to perform this action.' });
    expect(t.emulator.stats().resources.tasks).toBe(3);
  });
  it('uses the documented default tokens', () => {
    expect(t.emulator.tokens).toEqual({
      accessToken: 'synapse-emulator-access-token',
      readOnlyToken: 'synapse-emulator-read-only-token',
      agentToken: 'synapse-emulator-agent-token',
    });
  });
});

describe('errors', () => {
  it('404 for unknown ids and unknown routes', async () => {
    expect(await t.call('GET', 'projects/999/')).toMatchObject({
      status: 404,
      body: { detail: 'Not found.' },
    });
    expect(await t.call('GET', 'no/such/route/')).toMatchObject({
      status: 404,
      body: { detail: 'Not found.' },
    });
    // Paths are exact: the trailing slash matters.
    expect((await t.call('GET', 'projects/1')).status).toBe(404);
  });
  it('400 with field errors for an invalid body', async () => {
    const reply = await t.call('POST', 'tasks/', { json: {} });
    expect(reply).toMatchObject({ status: 400, body: { project: ['This field is required.'] } });
  });
  it('400 for invalid JSON', async () => {
    const reply = await t.call('POST', 'tasks/', {
      body: '{"project": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/^JSON parse error - /);
  });
  it('413 for a JSON body over the limit, and keeps serving', async () => {
    const reply = await t.call('POST', 'tasks/', { json: { project: 1, pad: 'x'.repeat(2 * 1024 * 1024) } });
    expect(reply.status).toBe(413);
    expect((await t.call('GET', 'projects/1/')).status).toBe(200);
  });
  it('bulk create writes nothing when one item is invalid', async () => {
    const reply = await t.call('POST', 'tasks/', { json: [{ project: 1 }, { project: 999 }] });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual([{}, { project: ['Invalid pk "999" - object does not exist.'] }]);
    expect(t.emulator.stats().resources.tasks).toBe(3);
  });
});
