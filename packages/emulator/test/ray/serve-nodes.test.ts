import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRayService } from '../../src/ray/index.js';
import { HEAD_NODE_ID } from '../../src/ray/state/seed.js';
import { type Served, serveService, testContext, waitFor } from './harness.js';

let served: Served;

beforeAll(async () => {
  const context = testContext();
  served = await serveService(createRayService(context), context);
});
afterAll(() => served.close());

type Json = Record<string, unknown>;

async function serveDetails(): Promise<{ applications: Record<string, Json> } & Json> {
  return (await (await fetch(`${served.url}/api/serve/applications/`)).json()) as {
    applications: Record<string, Json>;
  };
}

function put(body: unknown): Promise<Response> {
  return fetch(`${served.url}/api/serve/applications/`, { method: 'PUT', body: JSON.stringify(body) });
}

describe('Serve REST API', () => {
  it('serves the seeded application keyed by name, deployments keyed by name', async () => {
    const details = await serveDetails();
    expect(details).toMatchObject({ deploy_mode: 'MULTI_APP', proxy_location: 'EveryNode' });
    expect(Object.keys(details.applications)).toEqual(['demo_app']);
    const app = details.applications.demo_app as { deployments: Record<string, Json> } & Json;
    expect(app).toMatchObject({ name: 'demo_app', route_prefix: '/demo_app', status: 'RUNNING' });
    expect(typeof app.last_deployed_time_s).toBe('number');
    expect(Object.keys(app.deployments)).toEqual(['Ingress', 'DemoModel']);
    expect(app.deployments.DemoModel).toMatchObject({ name: 'DemoModel', status: 'HEALTHY' });
    expect((await fetch(`${served.url}/api/serve/applications/?api_type=bogus`)).status).toBe(400);
  });

  it('PUT replaces the set, apps deploy then run; DELETE shuts Serve down', async () => {
    const response = await put({
      applications: [
        {
          name: 'seg',
          import_path: 'seg.main:app',
          route_prefix: '/seg',
          deployments: [{ name: 'Segmenter', num_replicas: 2 }],
        },
      ],
    });
    expect([response.status, await response.text()]).toEqual([200, '']);
    const deploying = await serveDetails();
    expect(Object.keys(deploying.applications)).toEqual(['seg']);
    expect(deploying.applications.seg?.status).toBe('DEPLOYING');
    expect(deploying.applications.seg?.deployed_app_config).toMatchObject({ import_path: 'seg.main:app' });
    const running = await waitFor(async () => {
      const app = (await serveDetails()).applications.seg as {
        deployments: Record<string, { replicas: unknown[] }>;
      } & Json;
      return app.status === 'RUNNING' ? app : undefined;
    });
    expect(running.deployments.Segmenter?.replicas).toHaveLength(2);

    const deleted = await fetch(`${served.url}/api/serve/applications/`, { method: 'DELETE' });
    expect([deleted.status, await deleted.text()]).toEqual([200, '']);
    expect(await serveDetails()).toEqual({
      deploy_mode: 'MULTI_APP',
      controller_info: {},
      proxies: {},
      applications: {},
      target_capacity: null,
    });
  });

  it('rejects invalid configs with plain-text 400s', async () => {
    for (const body of [
      {},
      { applications: [{ name: 'x' }] },
      { applications: [{ import_path: 'not valid' }] },
      {
        applications: [
          { import_path: 'a:b', name: 'same' },
          { import_path: 'c:d', name: 'same', route_prefix: '/c' },
        ],
      },
      {
        applications: [
          { import_path: 'a:b', name: 'one' },
          { import_path: 'c:d', name: 'two' },
        ],
      },
      { applications: [{ import_path: 'a:b', port: 8000 }] },
    ]) {
      const response = await put(body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).toContain('validation error');
    }
  });
});

describe('legacy node routes', () => {
  it('GET /nodes?view=summary returns data.summary', async () => {
    const response = await fetch(`${served.url}/nodes?view=summary`);
    const body = (await response.json()) as {
      result: boolean;
      data: { summary: Json[]; nodeLogicalResources: Json };
    };
    expect(response.status).toBe(200);
    expect(body.result).toBe(true);
    expect(body.data.summary).toHaveLength(2);
    expect(body.data.summary[0]?.raylet).toMatchObject({
      nodeId: HEAD_NODE_ID,
      isHeadNode: true,
      state: 'ALIVE',
    });
    expect(body.data.nodeLogicalResources).toHaveProperty(HEAD_NODE_ID);
    const hosts = (await (await fetch(`${served.url}/nodes?view=hostnamelist`)).json()) as {
      data: { hostNameList: string[] };
    };
    expect(hosts.data.hostNameList).toHaveLength(2);
  });

  it('GET /nodes without a known view answers result false', async () => {
    for (const [query, view] of [
      ['', 'None'],
      ['?view=other', 'other'],
    ]) {
      const response = await fetch(`${served.url}/nodes${query}`);
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ result: false, msg: `Unknown view ${view}` });
    }
  });

  it('GET /nodes/{id} answers as Ray does: data.detail, near-empty for unknown ids', async () => {
    const body = (await (await fetch(`${served.url}/nodes/${HEAD_NODE_ID}`)).json()) as Json;
    expect(Object.keys(body).sort()).toEqual(['data', 'msg', 'result']);
    expect(body).toMatchObject({
      result: true,
      msg: 'Node details fetched.',
      data: { detail: { ip: '127.0.0.1', raylet: { nodeId: HEAD_NODE_ID }, actors: {}, workers: [] } },
    });
    const unknown = await fetch(`${served.url}/nodes/unknown-node`);
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({
      result: true,
      msg: 'Node details fetched.',
      data: {
        detail: {
          raylet: { objectStoreUsedMemory: 0, objectStoreAvailableMemory: 0, stateMessage: null },
          actors: {},
          workers: [],
        },
      },
    });
    expect((await fetch(`${served.url}/nodes/`)).status).toBe(404);
  });

  it('answers a wrong method with 405', async () => {
    const response = await fetch(`${served.url}/api/version`, { method: 'POST' });
    expect([response.status, await response.text()]).toEqual([405, '405: Method Not Allowed']);
  });
});
