import { type MultipartBody, multipartForm } from '@synapse/core/internal';
import { MockApi, useMockNetwork } from '@synapse/testing';
import { describe, expect, it } from 'vitest';
import {
  AgentClient,
  type CallOptions,
  ClientError,
  type LongPollHandler,
  type LongPollRequest,
  type LongPollResponse,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { assertLongPollable } from '../src/long-poll.js';

const BASE = 'https://agent.test';
const TOKEN = 'agent-secret-token';

/** An agent client with a method that sends a form, as a subclass could. */
class FormSendingAgent extends AgentClient {
  sendForm(form: MultipartBody) {
    return this.request('POST', 'plugin_releases/', undefined, { form });
  }
}

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
  const client = new FormSendingAgent({
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

useMockNetwork();

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

describe('long-poll mode: every method', () => {
  const HEADERS = {
    Authorization: TOKEN,
    'SYNAPSE-Tenant': 'Token tenant-1',
    'Content-Type': 'application/json',
  };
  const calls: [string, (c: AgentClient) => Promise<unknown>, Omit<LongPollRequest, 'headers'>][] = [
    ['healthCheck', (c) => c.healthCheck(), { method: 'GET', path: 'health/' }],
    ['getMetrics', (c) => c.getMetrics('cpu'), { method: 'GET', path: 'metrics/cpu/' }],
    ['getCodeServerInfo', (c) => c.getCodeServerInfo(), { method: 'GET', path: 'code-server/info/' }],
    [
      'runPluginRelease',
      (c) => c.runPluginRelease('p@1', { action: 'run' }),
      { method: 'POST', path: 'plugin_releases/p%401/run/', data: { action: 'run' } },
    ],
    [
      'runDebugPluginRelease',
      (c) => c.runDebugPluginRelease({ plugin_path: '/p' }),
      { method: 'POST', path: 'plugin_releases/run_debug/', data: { plugin_path: '/p' } },
    ],
    [
      'createPluginRelease',
      (c) => c.createPluginRelease({ plugin: 'p' }),
      { method: 'POST', path: 'plugin_releases/', data: { plugin: 'p' } },
    ],
    ['getJob', (c) => c.getJob('j1'), { method: 'GET', path: 'jobs/j1/' }],
    ['listJobs', (c) => c.listJobs(), { method: 'GET', path: 'jobs/' }],
    ['listJobLogs', (c) => c.listJobLogs('j1'), { method: 'GET', path: 'jobs/j1/logs/' }],
    ['stopJob', (c) => c.stopJob(12), { method: 'POST', path: 'jobs/12/stop/' }],
    ['getNode', (c) => c.getNode('n1'), { method: 'GET', path: 'nodes/n1/' }],
    ['listNodes', (c) => c.listNodes(), { method: 'GET', path: 'nodes/' }],
    ['getTask', (c) => c.getTask('t1'), { method: 'GET', path: 'tasks/t1/' }],
    ['listTasks', (c) => c.listTasks(), { method: 'GET', path: 'tasks/' }],
    [
      'getServeApplication',
      (c) => c.getServeApplication('a'),
      { method: 'GET', path: 'serve_applications/a/' },
    ],
    [
      'listServeApplications',
      (c) => c.listServeApplications(),
      { method: 'GET', path: 'serve_applications/' },
    ],
    [
      'deleteServeApplication',
      (c) => c.deleteServeApplication('a'),
      { method: 'DELETE', path: 'serve_applications/a/' },
    ],
  ];
  const LISTS = new Set(['listJobs', 'listNodes', 'listTasks', 'listServeApplications']);
  for (const [name, call, expected] of calls) {
    it(`${name}: ${expected.method} ${expected.path} through the handler`, async () => {
      const data = LISTS.has(name) ? [{ from: name }] : { from: name };
      const { api, client, sent } = setup(() => ({ status: 200, reason: 'OK', data }));
      expect(await call(client)).toEqual(data);
      expect(sent).toStrictEqual([{ ...expected, headers: HEADERS }]);
      expect(api.requests).toHaveLength(0);
    });
  }

  it('a call’s own headers are added last; params are a copy', async () => {
    const { client, sent } = setup(() => ({ status: 201, data: { status: 'running' } }));
    const headers = { 'X-Trace': 't1', 'Content-Type': 'text/plain' };
    expect(await client.getCodeServerInfo('/ws', { headers })).toEqual({ status: 'running' });
    expect(sent).toStrictEqual([
      {
        method: 'GET',
        path: 'code-server/info/',
        headers: { Authorization: TOKEN, 'SYNAPSE-Tenant': 'Token tenant-1', ...headers },
        params: { workspace: '/ws' },
      },
    ]);
  });

  it('a multipart form cannot be carried: ClientError 400, nothing handed over', async () => {
    const { client, sent } = setup(() => ({ status: 200, data: null }));
    const form = await multipartForm({ plugin: 'p' }, {});
    const error = await failure(client.sendForm(form));
    expect(error).toMatchObject({
      status: 400,
      message: 'file is not allowed when long polling',
      reason: 'file is not allowed when long polling',
      clientName: 'Agent',
    });
    expect(sent).toHaveLength(0);
    expect(() => assertLongPollable(undefined)).not.toThrow();
    expect(() => assertLongPollable(null)).not.toThrow();
  });
});

describe('long-poll mode: responses and handler failures', () => {
  it('any status outside 400–599 returns the data', async () => {
    for (const status of [200, 204, 302, 399, 600]) {
      const { client } = setup(() => ({ status, reason: 'Whatever', data: { code: status } }));
      expect(await client.getJob('j')).toEqual({ code: status });
    }
  });

  it('a failed reply is an HTTP error like any other: the request, the status, the phrase and the body, cut at 300 characters', async () => {
    const long = 'x'.repeat(400);
    const replies: [LongPollResponse, string, unknown, unknown][] = [
      [
        { status: 503, reason: 'Service Unavailable', data: { detail: 'said' } },
        '503 Service Unavailable {"detail":"said"}',
        'Service Unavailable',
        { detail: 'said' },
      ],
      [
        { status: 400, reason: 'Bad Request', data: ['bad', 1] },
        '400 Bad Request ["bad",1]',
        ['bad', 1],
        ['bad', 1],
      ],
      [{ status: 400, reason: 'Bad Request' }, '400 Bad Request Bad Request', 'Bad Request', 'Bad Request'],
      [
        { status: 404, reason: 'Not Found', data: long },
        `404 Not Found ${long.slice(0, 300)}`,
        'Not Found',
        long,
      ],
      [{ status: 500 }, '500 Internal Server Error', 'Internal Server Error', undefined],
    ];
    for (const [response, text, reason, body] of replies) {
      const { client } = setup(() => response);
      const error = await failure(client.healthCheck());
      expect(error).toMatchObject({
        status: response.status,
        message: `Agent GET health/: ${text}`,
        method: 'GET',
        url: 'health/',
        clientName: 'Agent',
      });
      expect(error.reason).toEqual(reason);
      expect(error.body).toEqual(body);
    }
  });

  it('a handler timeout: an error named TimeoutError or with status 408 → TimeoutError 408', async () => {
    for (const thrown of [
      Object.assign(new Error('no answer'), { name: 'TimeoutError' }),
      new ClientError(408, 'Backend read timeout', { clientName: 'Backend' }),
      { status: 408 },
    ]) {
      const { client } = setup(() => {
        throw thrown;
      });
      const error = await failure(client.healthCheck());
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({
        status: 408,
        message: 'Agent is not responding',
        reason: 'Agent is not responding',
        clientName: 'Agent',
        phase: 'read',
        cause: thrown,
      });
    }
  });

  it('anything else the handler throws, null and strings included, propagates unchanged', async () => {
    for (const thrown of [null, undefined, 'TimeoutError', 408, { status: 500 }]) {
      const { client } = setup(() => {
        throw thrown;
      });
      await expect(client.listJobs()).rejects.toBe(thrown);
    }
  });

  it('the streaming methods’ 400 carries its reason and client name', async () => {
    const { client, sent } = setup(() => ({ status: 200, data: null }));
    const error = await failure(client.websocketTailJobLogs('job-1').next());
    expect(error).toMatchObject({
      status: 400,
      message: '"websocketTailJobLogs" does not support long polling',
      reason: '"websocketTailJobLogs" does not support long polling',
      clientName: 'Agent',
    });
    expect(sent).toHaveLength(0);
  });
});

describe('long-poll mode checks call options as HTTP mode does', () => {
  it.each([
    ['an unknown option', { bogus: 'x' }, 'options.bogus'],
    ['a malformed timeout', { timeout: 'fast' }, 'options.timeout'],
  ])('%s is a ValidationError and nothing reaches the handler', async (_, options, argument) => {
    const { api, client, sent } = setup(() => ({ status: 200, data: {} }));
    const error = await client.healthCheck(options as CallOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).argument).toBe(argument);
    expect(sent).toEqual([]);
    expect(api.requests).toEqual([]);
  });
});
