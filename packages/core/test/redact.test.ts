import { describe, expect, it } from 'vitest';
import { AbortError, ClientError, Redactor, ValidationError } from '../src/internal.js';

describe('Redactor', () => {
  it('masks credential headers by name, whatever their value, and secrets in the others', () => {
    const redactor = new Redactor(['trace-secret-1']);
    const headers = {
      Authorization: 'x',
      'Proxy-Authorization': 'p',
      Cookie: 'c=1',
      'Set-Cookie': 's=2',
      'X-Api-Token': 't',
      'Synapse-Access-Token': 'a',
      'SYNAPSE-Tenant': 'u',
      'SYNAPSE-Agent': 'g',
      'SYNAPSE-User': 'v',
      'X-Api-Key': 'k',
      'X-Trace': 'id trace-secret-1',
      'Content-Type': 'application/json',
    };
    expect(redactor.headers(headers)).toEqual({
      Authorization: '[REDACTED]',
      'Proxy-Authorization': '[REDACTED]',
      Cookie: '[REDACTED]',
      'Set-Cookie': '[REDACTED]',
      'X-Api-Token': '[REDACTED]',
      'Synapse-Access-Token': '[REDACTED]',
      'SYNAPSE-Tenant': '[REDACTED]',
      'SYNAPSE-Agent': '[REDACTED]',
      'SYNAPSE-User': '[REDACTED]',
      'X-Api-Key': '[REDACTED]',
      'X-Trace': 'id [REDACTED]',
      'Content-Type': 'application/json',
    });
    expect(redactor.headers(new Headers({ 'set-cookie': 'sid=1', etag: 'e' }))).toEqual({
      'set-cookie': '[REDACTED]',
      etag: 'e',
    });
  });

  it('masks the longer of two secrets whole when one is a prefix of the other', () => {
    const redactor = new Redactor(['abcd1234', 'abcd1234-tail-99']);
    expect(redactor.text('x abcd1234-tail-99 y abcd1234 z')).toBe('x [REDACTED] y [REDACTED] z');
    const reversed = new Redactor(['abcd1234-tail-99', 'abcd1234']);
    expect(reversed.text('abcd1234-tail-99')).toBe('[REDACTED]');
  });

  it('masks the percent-encoded form of a secret, as it appears in a URL', () => {
    const redactor = new Redactor(['tok/en+1=']);
    expect(redactor.text('GET /agents/tok%2Fen%2B1%3D/connect/ sent tok/en+1=')).toBe(
      'GET /agents/[REDACTED]/connect/ sent [REDACTED]',
    );
  });

  it('ignores secrets shorter than 4 characters, unless given exactly for one call', () => {
    const redactor = new Redactor(['abc', undefined, 'abcd']);
    expect(redactor.text('abc abcd')).toBe('abc [REDACTED]');
    expect(redactor.with(['ab']).text('ab abc abcd')).toBe('[REDACTED] [REDACTED]c [REDACTED]');
    expect(redactor.with([])).toBe(redactor);
  });

  it('walks values: strings in objects and arrays, other values kept', () => {
    const redactor = new Redactor(['s3cr3t-v']);
    const value = { a: 's3cr3t-v', b: ['x s3cr3t-v', 3, null, true], c: { d: { e: 's3cr3t-v!' } } };
    expect(redactor.value(value)).toEqual({
      a: '[REDACTED]',
      b: ['x [REDACTED]', 3, null, true],
      c: { d: { e: '[REDACTED]!' } },
    });
    expect(value.a).toBe('s3cr3t-v');
    const none = new Redactor([]);
    const same = { a: 1 };
    expect(none.value(same)).toBe(same);
  });

  it('cleans an SDK error in place: message, stack, reason, body, headers, url, issues and a copy of its cause', () => {
    const redactor = new Redactor(['tok-9876']);
    const cause = Object.assign(new TypeError('fetch tok-9876 failed'), { code: 'ECONNRESET' });
    const error = new ClientError(400, 'bad tok-9876', {
      reason: { detail: 'tok-9876' },
      body: ['tok-9876'],
      headers: { 'x-echo': 'tok-9876', 'set-cookie': 'a=b' },
      url: 'https://h/tok-9876/',
      cause,
    });
    expect(redactor.error(error)).toBe(error);
    expect(error.message).toBe('bad [REDACTED]');
    expect(error.stack).not.toContain('tok-9876');
    expect(error.reason).toEqual({ detail: '[REDACTED]' });
    expect(error.body).toEqual(['[REDACTED]']);
    expect(error.headers).toEqual({ 'x-echo': '[REDACTED]', 'set-cookie': '[REDACTED]' });
    expect(error.url).toBe('https://h/[REDACTED]/');
    const copied = error.cause as Error & { code?: string };
    expect(copied).not.toBe(cause);
    expect(copied).toMatchObject({
      name: 'TypeError',
      message: 'fetch [REDACTED] failed',
      code: 'ECONNRESET',
    });
    expect(copied.stack).toBe('TypeError: fetch [REDACTED] failed');
    expect(cause.message).toBe('fetch tok-9876 failed');
    const validation = new ValidationError('bad tok-9876', { issues: ['id: tok-9876'] });
    redactor.error(validation);
    expect(validation.issues).toEqual(['id: [REDACTED]']);
  });

  it('returns a cleaned copy of an error that is not the SDK own, and leaves other values alone', () => {
    const redactor = new Redactor(['tok-9876']);
    const error = new RangeError('tok-9876 too long');
    const copy = redactor.error(error);
    expect(copy).not.toBe(error);
    expect(copy).toMatchObject({ name: 'RangeError', message: '[REDACTED] too long' });
    expect(redactor.error('tok-9876')).toBe('tok-9876');
  });
});

describe('Redactor limits', () => {
  it('a value nested deeper than 20 levels is not shown rather than shown unmasked; a cycle ends too', () => {
    const redactor = new Redactor(['deep-secret']);
    const nest = (levels: number, leaf: unknown): unknown =>
      levels === 0 ? leaf : { n: nest(levels - 1, leaf) };
    const unwrap = (value: unknown, levels: number): unknown =>
      levels === 0 ? value : unwrap((value as { n: unknown }).n, levels - 1);
    expect(unwrap(redactor.value(nest(20, { s: 'deep-secret' })), 20)).toEqual({ s: '[REDACTED]' });
    expect(unwrap(redactor.value(nest(21, { s: 'deep-secret' })), 21)).toBe('[nested too deep]');
    expect(unwrap(redactor.value(nest(20, ['deep-secret'])), 20)).toEqual(['[REDACTED]']);
    expect(unwrap(redactor.value(nest(21, ['deep-secret'])), 21)).toBe('[nested too deep]');
    const cyclic: Record<string, unknown> = { s: 'deep-secret' };
    cyclic.self = cyclic;
    expect(JSON.stringify(redactor.value(cyclic))).not.toContain('deep-secret');
  });

  it('a cause chain is kept 6 levels down and cut below (never shown unmasked); a cyclic chain ends', () => {
    const redactor = new Redactor(['tok-5150']);
    let chain: Error = new Error('root tok-5150');
    for (let i = 0; i < 7; i++) chain = new Error(`level ${i}`, { cause: chain });
    const error = new ClientError(500, 'top', { cause: chain });
    redactor.error(error);
    let current: unknown = error.cause;
    const messages: string[] = [];
    while (current instanceof Error) {
      messages.push(current.message);
      current = current.cause;
    }
    expect(messages).toEqual(['level 6', 'level 5', 'level 4', 'level 3', 'level 2', 'level 1']);
    expect(current).toBeUndefined();
    const loop = new Error('loop tok-5150');
    (loop as { cause?: unknown }).cause = loop;
    const looped = redactor.error(new ClientError(500, 'x', { cause: loop }));
    expect((looped.cause as Error).message).toBe('loop [REDACTED]');
  });

  it('keeps the shape of what it cleans: stack not enumerable, no fields added, cleaning twice is harmless', () => {
    const redactor = new Redactor(['tok-2468']);
    const error = new ClientError(400, 'bad tok-2468', { body: 'tok-2468', headers: {} });
    redactor.error(redactor.error(error));
    expect(error.message).toBe('bad [REDACTED]');
    expect(Object.keys(error)).not.toContain('stack');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ body: '[REDACTED]' });
    expect(error.headers).toEqual({});
    const abort = new AbortError('stopped tok-2468');
    redactor.error(abort);
    expect(abort.message).toBe('stopped [REDACTED]');
    expect(Object.keys(abort)).toEqual(['name']);
    expect('reason' in abort || 'body' in abort || 'headers' in abort || 'url' in abort).toBe(false);
    expect(abort.cause).toBeUndefined();
    expect(Object.hasOwn(abort, 'cause')).toBe(false);
  });

  it('leaves null, numbers and booleans in values as they are', () => {
    const redactor = new Redactor(['tok-1357']);
    expect(redactor.value({ a: null, b: 2, c: false, d: undefined })).toEqual({
      a: null,
      b: 2,
      c: false,
      d: undefined,
    });
    expect(redactor.value(null)).toBeNull();
    expect(redactor.value(7)).toBe(7);
  });

  it('an empty per-call secret is ignored, not spliced between every character', () => {
    expect(new Redactor([]).with(['']).text('abc')).toBe('abc');
  });
});

describe('Redactor edges', () => {
  it('cleans a stack already read before the message was cleaned', () => {
    const error = new ClientError(500, 'failed with tok-9876');
    expect(error.stack).toContain('tok-9876');
    new Redactor(['tok-9876']).error(error);
    expect(error.stack).not.toContain('tok-9876');
    expect(error.stack).toContain('failed with [REDACTED]');
  });

  it('a copied error gets no cause or code it did not have', () => {
    const copy = new Redactor(['tok-9876']).error(new TypeError('tok-9876 failed'));
    expect(Object.hasOwn(copy, 'cause')).toBe(false);
    expect(Object.hasOwn(copy, 'code')).toBe(false);
    expect(copy.message).toBe('[REDACTED] failed');
  });

  it('an error whose headers are null keeps them, and the rest is cleaned', () => {
    const error = new ClientError(500, 'tok-9876');
    Object.assign(error, { headers: null });
    expect(new Redactor(['tok-9876']).error(error)).toBe(error);
    expect(error.headers as unknown).toBeNull();
    expect(error.message).toBe('[REDACTED]');
  });

  it('arrays nested in arrays count towards the depth limit, so a cyclic array ends', () => {
    const redactor = new Redactor(['deep-secret']);
    const cyclic: unknown[] = ['deep-secret'];
    cyclic.push(cyclic);
    let level: unknown = redactor.value(cyclic);
    for (let i = 0; i <= 20; i += 1) {
      expect((level as unknown[])[0]).toBe('[REDACTED]');
      level = (level as unknown[])[1];
    }
    expect(level).toBe('[nested too deep]');
  });

  it('masks a secret and its percent-encoded form, each wherever it appears', () => {
    const redactor = new Redactor(['a b/c?d']);
    expect(redactor.text('x a b/c?d y a%20b%2Fc%3Fd z a b/c?d')).toBe(
      'x [REDACTED] y [REDACTED] z [REDACTED]',
    );
    expect(new Redactor(['plain-token']).text('plain-token plain-token')).toBe('[REDACTED] [REDACTED]');
  });
});
