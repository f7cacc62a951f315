import { describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/index.js';
import { setup } from '../helpers.js';

describe('startEmulator / stop', () => {
  it('serves three services on loopback and stops idempotently', async () => {
    const emulator = await startEmulator();
    for (const url of [emulator.backendUrl, emulator.agentUrl, emulator.rayUrl]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(new Set([emulator.backendUrl, emulator.agentUrl, emulator.rayUrl]).size).toBe(3);
    const { accessToken } = emulator.tokens;
    expect(
      (
        await fetch(`${emulator.backendUrl}/projects/1/`, {
          headers: { Authorization: `Token ${accessToken}` },
        })
      ).status,
    ).toBe(200);
    await Promise.all([emulator.stop(), emulator.stop()]);
    await emulator.stop();
    await expect(fetch(`${emulator.backendUrl}/projects/1/`)).rejects.toThrow();
  });

  it('uses port, port + 1 and port + 2 when a port is given', async () => {
    // A free port's neighbours may be taken by tests running beside this one: try another free port then.
    let emulator: Emulator | undefined;
    let port = 0;
    for (let attempt = 0; !emulator && attempt < 10; attempt++) {
      const probe = await startEmulator();
      port = Number(new URL(probe.backendUrl).port);
      await probe.stop();
      emulator = await startEmulator({ port }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') throw error;
        return undefined;
      });
    }
    if (!emulator) throw new Error('no free run of three ports in ten tries');
    try {
      expect(emulator.backendUrl).toBe(`http://127.0.0.1:${port}`);
      expect(emulator.agentUrl).toBe(`http://127.0.0.1:${port + 1}`);
      expect(emulator.rayUrl).toBe(`http://127.0.0.1:${port + 2}`);
    } finally {
      await emulator.stop();
    }
  });

  it('accepts custom tokens and can skip the seed', async () => {
    const t = await setup({ tokens: { accessToken: 'mine' }, seed: false });
    try {
      expect(t.emulator.tokens.accessToken).toBe('mine');
      expect((await t.call('GET', 'projects/')).body.count).toBe(0);
      expect((await t.call('GET', 'projects/', { token: 'synapse-emulator-access-token' })).status).toBe(401);
      expect(Object.values(t.emulator.stats().resources).every((count) => count === 0)).toBe(true);
    } finally {
      await t.emulator.stop();
    }
  });
});

describe('stats', () => {
  it('reports resource counts, request counts and memory, also over HTTP', async () => {
    const t = await setup();
    try {
      await t.call('GET', 'tasks/1/');
      await t.call('GET', 'tasks/2/');
      await t.call('POST', 'tasks/', { json: { project: 1 } });
      const stats = t.emulator.stats();
      expect(stats.resources).toMatchObject({
        projects: 1,
        tasks: 4,
        data_units: 3,
        plugins: 1,
        chunked_uploads: 0,
      });
      expect(stats.requests['backend GET /tasks/{id}/']).toBe(2);
      expect(stats.requests['backend POST /tasks/']).toBe(1);
      expect(stats.memory.rss).toBeGreaterThan(0);
      expect(stats.memory.peakRss).toBeGreaterThanOrEqual(stats.memory.rss / 2);
      const overHttp = (await (
        await fetch(`${t.emulator.backendUrl}/__emulator/stats`)
      ).json()) as typeof stats;
      expect(overHttp.resources.tasks).toBe(4);
    } finally {
      await t.emulator.stop();
    }
  });
});
