import { describe, expect, it } from 'vitest';
import { chunkForm, Md5Tracker } from '../src/chunked-upload/form-body.js';
import { ValidationError } from '../src/index.js';
import { md5Hex, patternBytes } from './helpers/upload-files.js';

const bytes = patternBytes(32);
/** Lets the stream machinery run everything it has queued. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Md5Tracker', () => {
  it('hashes every byte once, in order, however often pieces are fed again', async () => {
    const md5 = await Md5Tracker.create();
    md5.feed(0, bytes.subarray(0, 8));
    // A chunk sent a second time: all of it, part of it, or running past what was hashed.
    md5.feed(0, bytes.subarray(0, 4));
    md5.feed(0, bytes.subarray(0, 8));
    md5.feed(4, bytes.subarray(4, 16));
    expect(md5.position).toBe(16);
    md5.feed(16, new Uint8Array(0));
    md5.feed(16, bytes.subarray(16));
    expect(md5.position).toBe(32);
    expect(md5.digest()).toBe(md5Hex(bytes));
  });

  it('refuses a piece past the bytes hashed so far', async () => {
    const md5 = await Md5Tracker.create();
    md5.feed(0, bytes.subarray(0, 4));
    expect(() => md5.feed(6, bytes.subarray(6, 8))).toThrow(new Error('MD5 gap: bytes 4-5 were never read'));
    expect(md5.position).toBe(4);
    md5.feed(4, bytes.subarray(4));
    expect(md5.digest()).toBe(md5Hex(bytes));
  });
});

/** A source of `parts` that notes what was asked of it; it fails on read number `failAt`. */
function source(parts: Uint8Array[], { closable = true, failAt = -1 } = {}) {
  const log = { reads: 0, closed: false };
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const index = log.reads++;
    if (index === failAt) throw new Error('EIO: i/o error, read');
    const value = parts[index];
    return value ? { done: false, value } : { done: true, value: undefined };
  };
  const close = async (): Promise<IteratorResult<Uint8Array>> => {
    log.closed = true;
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterator<Uint8Array> = closable ? { next, return: close } : { next };
  return { iterator, log };
}

describe('chunkForm', () => {
  it('takes nothing from the source before the body is read, then one piece per read', async () => {
    const { iterator, log } = source([bytes.subarray(0, 8), bytes.subarray(8, 16)]);
    let pulls = 0;
    const hashed: number[] = [];
    const form = chunkForm(
      'scan.bin',
      16,
      iterator,
      (piece) => hashed.push(piece.byteLength),
      () => pulls++,
    );
    await settle();
    expect([pulls, log.reads]).toEqual([0, 0]);

    const reader = form.body.getReader();
    const head = await reader.read();
    expect(Buffer.from(head.value ?? []).toString()).toMatch(
      /^--(----formdata-undici-0\d{11})\r\nContent-Disposition: form-data; name="filename"\r\n\r\nscan\.bin\r\n--\1\r\nContent-Disposition: form-data; name="file"; filename="file"\r\nContent-Type: application\/octet-stream\r\n\r\n$/,
    );
    await settle();
    expect([pulls, log.reads, hashed]).toEqual([1, 0, []]);

    expect((await reader.read()).value).toEqual(bytes.subarray(0, 8));
    await settle();
    expect([pulls, log.reads, hashed]).toEqual([2, 1, [8]]);
    expect((await reader.read()).value).toEqual(bytes.subarray(8, 16));
    const boundary = form.headers['Content-Type']?.split('boundary=')[1];
    expect(Buffer.from((await reader.read()).value ?? []).toString()).toBe(`\r\n--${boundary}--\r\n`);
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect([pulls, log.reads, hashed]).toEqual([4, 3, [8, 8]]);
    expect(form.failure()).toBeUndefined();
  });

  it('closes the source when the body is cancelled (the request was given up)', async () => {
    const { iterator, log } = source([bytes.subarray(0, 16)]);
    const reader = chunkForm(
      'file',
      16,
      iterator,
      () => {},
      () => {},
    ).body.getReader();
    await reader.read();
    expect(log.closed).toBe(false);
    await reader.cancel();
    expect(log.closed).toBe(true);
  });

  it('a body over a source that cannot be closed is cancelled all the same', async () => {
    const { iterator } = source([bytes.subarray(0, 16)], { closable: false });
    const reader = chunkForm(
      'file',
      16,
      iterator,
      () => {},
      () => {},
    ).body.getReader();
    await reader.read();
    await expect(reader.cancel()).resolves.toBeUndefined();
  });

  it.each([
    ['that can be closed, which it is', true],
    ['that cannot be closed', false],
  ])('a failing source %s: the body fails with the failure it reports', async (_, closable) => {
    const { iterator, log } = source([bytes.subarray(0, 8)], { closable, failAt: 1 });
    const form = chunkForm(
      'file',
      16,
      iterator,
      () => {},
      () => {},
    );
    const error = await new Response(form.body).arrayBuffer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'file',
      message: 'file could not be read: EIO: i/o error, read',
    });
    expect(form.failure()).toBe(error);
    expect(log.closed).toBe(closable);
  });
});
