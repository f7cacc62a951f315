import { Redactor } from '@synapse/core/internal';
import { describe, expect, it, vi } from 'vitest';
import { type ClientError, ConnectionError, isClientError, ServerError } from '../src/index.js';
import { streamTail, type TailContext, type TailSettings, tail, webSocketTail } from '../src/log-tail.js';
import { collect } from './helpers.js';

type Opened = { protocol: 'http' | 'ws'; path: string } & TailSettings;

/** A client stand-in: both protocols serve `source()`; `redact` masks `secret` in messages. */
function context(source: () => AsyncGenerator<string>, extra: Partial<TailContext> = {}) {
  const opened: Opened[] = [];
  const redactor = new Redactor(['secret']);
  const redacted: unknown[] = [];
  const clean = redactor.error.bind(redactor);
  vi.spyOn(redactor, 'error').mockImplementation((error) => {
    redacted.push(error);
    return clean(error);
  });
  const ctx: TailContext = {
    longPolling: false,
    errors: { clientName: 'Agent', redactor },
    connectTimeout: 7,
    url: (path) => `http://agent.test/${path}`,
    httpLines: (path, tail) => {
      opened.push({ protocol: 'http', path, ...tail });
      return source();
    },
    webSocketLines: (path, tail) => {
      opened.push({ protocol: 'ws', path, ...tail });
      return source();
    },
    ...extra,
  };
  return { ctx, opened, redacted };
}

async function* lines(...values: string[]): AsyncGenerator<string> {
  yield* values;
}

async function* failing(thrown: unknown, ...before: string[]): AsyncGenerator<string> {
  yield* before;
  throw thrown;
}

async function run(iterable: AsyncIterable<string>, seen: string[] = []): Promise<unknown> {
  try {
    for await (const line of iterable) seen.push(line);
  } catch (error) {
    return error;
  }
  throw new Error('expected the tail to fail');
}

describe('tails over a TailContext', () => {
  it('open the job’s stream or WebSocket path with the stream timeout (default 10 s) and signal', async () => {
    const { ctx, opened } = context(() => lines('a', 'b'));
    const signal = new AbortController().signal;
    expect(await collect(streamTail(ctx, 'job-1'))).toEqual(['a', 'b']);
    expect(await collect(webSocketTail(ctx, 7, { streamTimeout: 2.5, signal }))).toEqual(['a', 'b']);
    expect(await collect(tail(ctx, 'j', { protocol: 'websocket', streamTimeout: 1 }))).toEqual(['a', 'b']);
    expect(await collect(tail(ctx, 'k'))).toEqual(['a', 'b']);
    const none = { headers: undefined, secrets: [], maxRetries: undefined };
    expect(opened).toEqual([
      {
        protocol: 'http',
        path: 'ray/jobs/job-1/logs/stream/',
        read: 10,
        connect: 7,
        signal: undefined,
        ...none,
      },
      { protocol: 'ws', path: 'ray/jobs/7/logs/ws/', read: 2.5, connect: 7, signal, ...none },
      { protocol: 'ws', path: 'ray/jobs/j/logs/ws/', read: 1, connect: 7, signal: undefined, ...none },
      { protocol: 'http', path: 'ray/jobs/k/logs/stream/', read: 10, connect: 7, signal: undefined, ...none },
    ]);
  });

  it('hand the call options over: timeout.read as the stream timeout, timeout.connect, headers and their secrets, maxRetries', async () => {
    const { ctx, opened } = context(() => lines('a'));
    const headers = { Authorization: 'Bearer call-token', 'X-Trace': 't1' };
    const call = { timeout: { connect: 2, read: 45 }, headers, maxRetries: 3 };
    expect(await collect(tail(ctx, 'job-1', call))).toEqual(['a']);
    expect(await collect(streamTail(ctx, 'job-2', { streamTimeout: 20, timeout: { connect: 1 } }))).toEqual([
      'a',
    ]);
    const { maxRetries: _, ...socketCall } = call;
    expect(await collect(tail(ctx, 'job-3', { protocol: 'websocket', ...socketCall }))).toEqual(['a']);
    const secrets = ['Bearer call-token', 'call-token'];
    expect(opened).toEqual([
      {
        protocol: 'http',
        path: 'ray/jobs/job-1/logs/stream/',
        read: 45,
        connect: 2,
        signal: undefined,
        headers,
        secrets,
        maxRetries: 3,
      },
      {
        protocol: 'http',
        path: 'ray/jobs/job-2/logs/stream/',
        read: 20,
        connect: 1,
        signal: undefined,
        headers: undefined,
        secrets: [],
        maxRetries: undefined,
      },
      {
        protocol: 'ws',
        path: 'ray/jobs/job-3/logs/ws/',
        read: 45,
        connect: 2,
        signal: undefined,
        headers,
        secrets,
        maxRetries: undefined,
      },
    ]);
  });

  it('mask a credential of the call’s headers in a failure', async () => {
    const { ctx } = context(() => failing(new Error('refused call-token-77 here')));
    const error = await run(tail(ctx, 'job-1', { headers: { 'X-Api-Key': 'call-token-77' } }));
    expect(error).toMatchObject({ status: 500 });
    expect((error as Error).message).toBe(
      'Agent request failed: refused [REDACTED] here (GET http://agent.test/ray/jobs/job-1/logs/stream/)',
    );
  });

  it('apply the context’s limits', async () => {
    const limits = { maxLineBytes: 3, maxLines: 3, maxTotalBytes: 1000 };
    const { ctx } = context(() => lines('abc', 'abcd', 'x', 'y'), { limits });
    const seen: string[] = [];
    const error = (await run(streamTail(ctx, 'job-1'), seen)) as ClientError;
    expect(seen).toEqual(['abc', 'x']);
    expect(error).toMatchObject({ status: 429, message: 'Line limit exceeded (3 lines)' });
  });

  it.each([
    ['stream', 'stream'],
    ['websocket', 'ws'],
  ] as const)(
    '%s: a failure that is not the SDK’s is built as a request’s is (a lost connection here), redacted',
    async (protocol, route) => {
      const cause = new Error('socket secret hung up');
      const { ctx, redacted } = context(() => failing(cause, 'first'));
      const seen: string[] = [];
      const error = (await run(tail(ctx, 'job-1', { protocol }), seen)) as ClientError;
      expect(seen).toEqual(['first']);
      expect(error).toBeInstanceOf(ConnectionError);
      const url = `http://agent.test/ray/jobs/job-1/logs/${route}/`;
      expect(error).toMatchObject({
        status: 503,
        message: `Agent connection error: socket [REDACTED] hung up (GET ${url})`,
        reason: 'Agent connection error: socket [REDACTED] hung up',
        method: 'GET',
        url,
        clientName: 'Agent',
        cause: expect.objectContaining({ message: 'socket [REDACTED] hung up' }),
      });
      expect(redacted).toEqual([error]);
    },
  );

  it('a thrown non-Error is described by String()', async () => {
    const { ctx } = context(() => failing('went away'));
    const error = await run(webSocketTail(ctx, 'job-1'));
    expect(error).toMatchObject({
      status: 500,
      message: 'Agent request failed: went away (GET http://agent.test/ray/jobs/job-1/logs/ws/)',
      cause: 'went away',
    });
  });

  it('a failure opening the source is built the same way', async () => {
    const { ctx } = context(() => {
      throw new TypeError('cannot open');
    });
    const error = await run(streamTail(ctx, 'job-1'));
    expect(error).toMatchObject({
      status: 500,
      message: 'Agent request failed: cannot open (GET http://agent.test/ray/jobs/job-1/logs/stream/)',
    });
  });

  it('a connect timeout names the client’s connect timeout, or the call’s', async () => {
    const connect = Object.assign(new Error('connect timed out'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
    const { ctx } = context(() => failing(connect));
    const error = await run(streamTail(ctx, 'job-1', { streamTimeout: 3 }));
    expect(error).toMatchObject({ status: 408, phase: 'connect', reason: 'Agent connect timeout (>7s)' });
    const given = await run(webSocketTail(ctx, 'job-1', { timeout: { connect: 1.5 } }));
    expect(given).toMatchObject({ status: 408, phase: 'connect', reason: 'Agent connect timeout (>1.5s)' });
  });

  it('an SDK error passes through redaction unchanged otherwise', async () => {
    const original = new ServerError(503, 'Agent connection error: secret', { clientName: 'Agent' });
    expect(original).not.toBeInstanceOf(ConnectionError);
    const { ctx, redacted } = context(() => failing(original));
    const error = await run(tail(ctx, 'job-1'));
    expect(error).toBe(original);
    expect(isClientError(error)).toBe(true);
    expect((error as ClientError).message).toBe('Agent connection error: [REDACTED]');
    expect(redacted).toEqual([original]);
  });
});
