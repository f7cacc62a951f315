import { blockNetwork, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withRayDetail } from '../src/errors.js';
import {
  BadRequestError,
  type ClientError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from '../src/index.js';
import { BASE, setup } from './helpers.js';

async function caught(promise: Promise<unknown>): Promise<ClientError> {
  return (await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  )) as ClientError;
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

beforeAll(blockNetwork);
afterEach(resetNetwork);

describe('RayClient: the text of an HTTP error', () => {
  it('a plain-text traceback: its last line ends the message, once', async () => {
    const { api, client } = setup();
    const body = "Traceback (most recent call last):\n  File x\nRuntimeError: job 's1' is running\n";
    api.on('DELETE', '/api/jobs/s1').reply(500, body);
    const error = await caught(client.deleteJob('s1'));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe(
      `Ray DELETE ${BASE}/api/jobs/s1: 500 Internal Server Error RuntimeError: job 's1' is running`,
    );
    expect(error).toMatchObject({ status: 500, reason: 'Internal Server Error', body });
  });

  it('an HTML page from a proxy adds nothing to the message', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/version').reply(502, '<html>\n<body>Bad gateway</body>\n</html>\n');
    const error = await caught(client.getVersion());
    expect(error.message).toBe(`Ray GET ${BASE}/api/version: 502 Bad Gateway`);
  });

  it('a State API msg that the quoted body already shows is not repeated', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/v0/actors').reply(500, { result: false, msg: 'busy', data: { result: null } });
    const error = await caught(client.listActors());
    expect(occurrences(error.message, 'busy')).toBe(1);
    expect(error.message).toBe(
      `Ray GET ${BASE}/api/v0/actors: 500 Internal Server Error {"result":false,"msg":"busy","data":{"result":null}}`,
    );
  });

  it("a State API traceback in msg: its last line, trimmed, ends the message; the error is otherwise Ray's", async () => {
    const { api, client } = setup();
    const msg =
      'Traceback (most recent call last):\n  File "state.py"\n    ValueError: limit "20000" too big  \n';
    const body = { result: false, msg, data: { result: null } };
    api.on('GET', '/api/v0/nodes').reply(400, body, { 'x-request-id': 'r1' });
    const error = await caught(client.listClusterNodes());
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message.endsWith(': ValueError: limit "20000" too big')).toBe(true);
    expect(error.message.startsWith(`Ray GET ${BASE}/api/v0/nodes: 400 Bad Request {`)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      reason: body,
      body,
      method: 'GET',
      url: `${BASE}/api/v0/nodes`,
      clientName: 'Ray',
    });
    expect(error.headers['x-request-id']).toBe('r1');
  });

  it('a msg line longer than 300 characters is cut to 300', async () => {
    const { api, client } = setup();
    const line = `E${'x'.repeat(400)}`;
    api.on('GET', '/api/v0/jobs').reply(500, { result: false, msg: `first\n${line}"` });
    const error = await caught(client.listClusterJobs());
    expect(error.message.endsWith(`: ${line.slice(0, 300)}`)).toBe(true);
  });

  it('a 429 keeps its Retry-After', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/v0/tasks').reply(429, { result: false, msg: 'slow "down"' }, { 'retry-after': '7' });
    const error = await caught(client.listClusterTasks());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(7);
    expect(error.message.endsWith(': slow "down"')).toBe(true);
  });

  it('a body without a string msg adds nothing', async () => {
    const { api, client } = setup();
    api
      .on('GET', '/api/v0/nodes')
      .reply(500, { result: false, msg: ['a\nb'] })
      .on('GET', '/api/v0/actors')
      .reply(500, { detail: 'x\ny' });
    const list = await caught(client.listClusterNodes());
    expect(list.message).toBe(
      `Ray GET ${BASE}/api/v0/nodes: 500 Internal Server Error {"result":false,"msg":["a\\nb"]}`,
    );
    const actors = await caught(client.listActors());
    expect(actors.message).toBe(
      `Ray GET ${BASE}/api/v0/actors: 500 Internal Server Error {"detail":"x\\ny"}`,
    );
  });

  it('an empty msg adds nothing', async () => {
    const { api, client } = setup();
    api.on('GET', '/api/v0/nodes').reply(503, { result: false, msg: '\n' });
    const error = await caught(client.listClusterNodes());
    expect(error.message).toBe(
      `Ray GET ${BASE}/api/v0/nodes: 503 Service Unavailable {"result":false,"msg":"\\n"}`,
    );
  });

  it('errors other than HTTP errors pass unchanged', () => {
    const other = Object.assign(new Error('broken'), { body: { msg: 'a\nb' } });
    expect(withRayDetail(other)).toBe(other);
    expect(other.message).toBe('broken');
    expect(withRayDetail('text')).toBe('text');
  });
});

describe('RayClient: result: false envelopes on a 200', () => {
  it.each([
    ['a msg', 'no such view', 'Ray: no such view', 'no such view'],
    ['an empty msg', '', 'Ray: request failed', ''],
    ['no msg', undefined, 'Ray: request failed', 'OK'],
    ['a msg that is not text', { code: 3 }, 'Ray: {"code":3}', { code: 3 }],
  ])('%s → ClientError 200', async (_, msg, message, reason) => {
    const { api, client } = setup();
    api.on('GET', '/nodes').reply(200, { result: false, msg, data: {} });
    const error = await caught(client.listNodes());
    expect(error.constructor.name).toBe('ClientError');
    expect(error).toMatchObject({ status: 200, message, reason, clientName: 'Ray' });
  });

  it('a long msg is cut so the message is 500 characters', async () => {
    const { api, client } = setup();
    const msg = 'm'.repeat(800);
    api.on('GET', '/nodes').reply(200, { result: false, msg });
    const error = await caught(client.listNodes());
    expect(error.message).toBe(`Ray: ${msg}`.slice(0, 500));
    expect(error.reason).toBe(msg);
  });

  it.each([
    ['a detail without a node id', { detail: { raylet: { stateMessage: null }, actors: {}, workers: [] } }],
    ['no detail', {}],
  ])('getNode with %s → NotFoundError naming the node', async (_, data) => {
    const { api, client } = setup();
    api.on('GET', '/nodes/n3').reply(200, { result: true, msg: '', data });
    const error = await caught(client.getNode('n3'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      message: 'Ray: Node Not Found: n3',
      reason: 'Node Not Found',
      clientName: 'Ray',
    });
  });
});
