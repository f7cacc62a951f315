import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Setup, setup } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup();
});
afterAll(() => t.emulator.stop());

const get = (headers: Record<string, string>, method = 'GET') =>
  t.call(method, 'projects/1/', { token: null, headers });

describe('backend auth: the Token header format', () => {
  it('takes the scheme in any case and any run of blanks after it', async () => {
    const { accessToken } = t.emulator.tokens;
    for (const value of [`token ${accessToken}`, `TOKEN\t${accessToken}`, `Token   ${accessToken}`]) {
      expect((await get({ 'Synapse-Access-Token': value })).status).toBe(200);
      expect((await get({ Authorization: value })).status).toBe(200);
    }
  });

  it('401 Invalid token for a well-formed header with another token', async () => {
    const reply = await get({ 'Synapse-Access-Token': `Token ${t.emulator.tokens.accessToken}x` });
    expect([reply.status, reply.body]).toEqual([401, { detail: 'Invalid token.' }]);
  });

  it('a header without the Token scheme counts as no credentials', async () => {
    const { accessToken } = t.emulator.tokens;
    for (const value of [
      accessToken,
      `Bearer ${accessToken}`,
      'Token',
      `xToken ${accessToken}`,
      `Token ${accessToken} extra`,
    ]) {
      const reply = await get({ Authorization: value });
      expect([value, reply.status, reply.body]).toEqual([
        value,
        401,
        { detail: 'Authentication credentials were not provided.' },
      ]);
    }
  });

  it('401 replies name the Token scheme in WWW-Authenticate', async () => {
    const missing = await get({});
    expect([missing.status, missing.headers.get('www-authenticate')]).toEqual([401, 'Token']);
    const wrong = await get({ Authorization: 'Token wrong' });
    expect([wrong.status, wrong.headers.get('www-authenticate')]).toEqual([401, 'Token']);
    expect(
      (await get({ Authorization: `Token ${t.emulator.tokens.accessToken}` })).headers.has(
        'www-authenticate',
      ),
    ).toBe(false);
  });

  it('tries every header: a wrong token in one does not hide a valid one in another', async () => {
    const { accessToken, readOnlyToken } = t.emulator.tokens;
    const reply = await get({ 'Synapse-Access-Token': 'Token wrong', Authorization: `Token ${accessToken}` });
    expect(reply.status).toBe(200);
    const agent = await get({
      Authorization: 'Token wrong',
      'SYNAPSE-Agent': `Token ${t.emulator.tokens.agentToken}`,
    });
    expect(agent.status).toBe(200);
    // The first header that names a known token decides: here the read-only one.
    const write = await t.call('POST', 'tasks/', {
      token: null,
      json: { project: 1 },
      headers: { 'Synapse-Access-Token': `Token ${readOnlyToken}`, Authorization: `Token ${accessToken}` },
    });
    expect(write.status).toBe(403);
  });

  it('the agent token may write; the read-only token may HEAD and OPTIONS as the access token does', async () => {
    const { agentToken, readOnlyToken, accessToken } = t.emulator.tokens;
    const created = await t.call('POST', 'tasks/', { token: agentToken, json: { project: 1 } });
    expect(created.status).toBe(201);
    for (const method of ['HEAD', 'OPTIONS']) {
      const full = await t.call(method, 'projects/1/', { token: accessToken });
      const readOnly = await t.call(method, 'projects/1/', { token: readOnlyToken });
      expect([method, readOnly.status]).toEqual([method, full.status]);
    }
    expect((await t.call('HEAD', 'projects/1/', { token: readOnlyToken })).status).toBe(200);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const reply = await t.call(method, 'tasks/1/', { token: readOnlyToken, json: {} });
      expect([method, reply.status]).toEqual([method, 403]);
    }
  });
});
