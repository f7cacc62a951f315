import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentClient,
  ClientError,
  type LongPollHandler,
  type LongPollRequest,
  type LongPollResponse,
} from '../src/index.js';

const BASE = 'https://agent.test';
const TOKEN = 'agent-secret-token';

function setup(reply: (request: LongPollRequest) => LongPollResponse | Promise<LongPollResponse>) {
  const sent: LongPollRequest[] = [];
  const handler: LongPollHandler = {
    setRequest: async (request) => {
      sent.push(request);
      return sent.length;
    },
    getResponse: async (id) => reply(sent[Number(id) - 1] as LongPollRequest),
  };
  const api = new MockApi(BASE);
  const client = new AgentClient({
    baseUrl: BASE,
    agentToken: TOKEN,
    tenant: 'tenant-1',
    longPollHandler: handler,
  });
  return { api, client, sent };
}

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  return error as ClientError;
}

beforeAll(blockNetwork);
afterEach(resetNetwork);

describe('long-poll mode', () => {
  it('hands the request to the handler and returns its data; no HTTP', async () => {
    const { api, client, sent } = setup(() => ({ status: 200, reason: 'OK', data: { stopped: true } }));
    expect(await client.stopJob('job-1')).toEqual({ stopped: true });
    expect(await client.getCodeServerInfo('/ws')).toEqual({ stopped: true });
    await client.runPluginRelease('p', { action: 'run' });
    expect(sent[0]).toEqual({
      method: 'POST',
      path: 'jobs/job-1/stop/',
      headers: {
        Authorization: TOKEN,
        'SYNAPSE-Tenant': 'Token tenant-1',
        'Content-Type': 'application/json',
      },
    });
    expect(sent[1]).toMatchObject({ method: 'GET', path: 'code-server/info/', params: { workspace: '/ws' } });
    expect(sent[2]).toMatchObject({
      method: 'POST',
      path: 'plugin_releases/p/run/',
      data: { action: 'run' },
    });
    expect(api.requests).toHaveLength(0);
  });

  it('a handler timeout → 408 Agent is not responding', async () => {
    const { client } = setup(() => {
      throw Object.assign(new Error('no answer'), { name: 'TimeoutError' });
    });
    const error = await failure(client.healthCheck());
    expect(error).toMatchObject({ status: 408, reason: 'Agent is not responding' });
  });

  it('other handler errors propagate unchanged', async () => {
    const boom = new Error('handler broke');
    const { client } = setup(() => {
      throw boom;
    });
    await expect(client.healthCheck()).rejects.toBe(boom);
  });

  it('400–599 → ClientError(status, reason); a 400 carries its data', async () => {
    const { client } = setup((request) =>
      request.path === 'jobs/bad/'
        ? { status: 400, reason: 'Bad Request', data: { detail: 'bad id' } }
        : { status: 503, reason: 'Service Unavailable', data: null },
    );
    const bad = await failure(client.getJob('bad'));
    expect(bad).toMatchObject({ status: 400, reason: { detail: 'bad id' } });
    const down = await failure(client.listJobs());
    expect(down).toMatchObject({ status: 503, reason: 'Service Unavailable' });
  });

  it('the tokens never reach error messages', async () => {
    const { client } = setup(() => ({ status: 500, reason: `failed with ${TOKEN}`, data: null }));
    const error = await failure(client.healthCheck());
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(TOKEN);
  });

  it('streaming methods refuse long polling with 400', async () => {
    const { client, sent } = setup(() => ({ status: 200, data: null }));
    for (const [name, tail] of [
      ['streamTailJobLogs', client.tailJobLogs('job-1')],
      ['streamTailJobLogs', client.streamTailJobLogs('job-1')],
      ['websocketTailJobLogs', client.websocketTailJobLogs('job-1')],
    ] as const) {
      const error = await failure(tail.next());
      expect(error.status).toBe(400);
      expect(error.message).toBe(`"${name}" does not support long polling`);
    }
    expect(sent).toHaveLength(0);
  });
});
