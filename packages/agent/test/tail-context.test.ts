import { describe, expect, it } from 'vitest';
import { type ClientError, isClientError, ServerError } from '../src/index.js';
import { streamTail, type TailContext, tail, webSocketTail } from '../src/log-tail.js';
import { collect } from './helpers.js';

type Opened = {
  protocol: 'http' | 'ws';
  path: string;
  streamTimeout: number;
  signal: AbortSignal | undefined;
};

/** A client stand-in: both protocols serve `source()`; `redact` masks `secret` in messages. */
function context(source: () => AsyncGenerator<string>, extra: Partial<TailContext> = {}) {
  const opened: Opened[] = [];
  const redacted: unknown[] = [];
  const ctx: TailContext = {
    longPolling: false,
    redact: (error) => {
      redacted.push(error);
      if (error instanceof Error) error.message = error.message.replaceAll('secret', '[REDACTED]');
      return error;
    },
    httpLines: (path, streamTimeout, signal) => {
      opened.push({ protocol: 'http', path, streamTimeout, signal });
      return source();
    },
    webSocketLines: (path, streamTimeout, signal) => {
      opened.push({ protocol: 'ws', path, streamTimeout, signal });
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
    expect(opened).toEqual([
      { protocol: 'http', path: 'ray/jobs/job-1/logs/stream/', streamTimeout: 10, signal: undefined },
      { protocol: 'ws', path: 'ray/jobs/7/logs/ws/', streamTimeout: 2.5, signal },
      { protocol: 'ws', path: 'ray/jobs/j/logs/ws/', streamTimeout: 1, signal: undefined },
      { protocol: 'http', path: 'ray/jobs/k/logs/stream/', streamTimeout: 10, signal: undefined },
    ]);
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
    ['stream', 'Stream failed'],
    ['websocket', 'WebSocket failed'],
  ] as const)(
    '%s: an error that is not the SDK’s → ClientError 500 "%s: …", redacted',
    async (protocol, label) => {
      const cause = new Error('socket secret hung up');
      const { ctx, redacted } = context(() => failing(cause, 'first'));
      const seen: string[] = [];
      const error = (await run(tail(ctx, 'job-1', { protocol }), seen)) as ClientError;
      expect(seen).toEqual(['first']);
      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({
        status: 500,
        message: `${label}: socket [REDACTED] hung up`,
        reason: `${label}: socket secret hung up`,
        clientName: 'Agent',
        cause,
      });
      expect(redacted).toEqual([error]);
    },
  );

  it('a thrown non-Error is described by String()', async () => {
    const { ctx } = context(() => failing('went away'));
    const error = await run(webSocketTail(ctx, 'job-1'));
    expect(error).toMatchObject({ status: 500, message: 'WebSocket failed: went away', cause: 'went away' });
  });

  it('a failure opening the source is wrapped too', async () => {
    const { ctx } = context(() => {
      throw new TypeError('cannot open');
    });
    const error = await run(streamTail(ctx, 'job-1'));
    expect(error).toMatchObject({ status: 500, message: 'Stream failed: cannot open' });
  });

  it('an SDK error passes through redaction unchanged otherwise', async () => {
    const original = new ServerError(503, 'Agent connection error: secret', { clientName: 'Agent' });
    const { ctx, redacted } = context(() => failing(original));
    const error = await run(tail(ctx, 'job-1'));
    expect(error).toBe(original);
    expect(isClientError(error)).toBe(true);
    expect((error as ClientError).message).toBe('Agent connection error: [REDACTED]');
    expect(redacted).toEqual([original]);
  });
});
