import { describe, expect, it } from 'vitest';
import { type FilePart, MultipartBody, ValidationError } from '../src/internal.js';
import { patternBytes } from './helpers/upload-files.js';

const bytes = patternBytes(32);
/** Lets the stream machinery run everything it has queued. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const text = (piece: Uint8Array | undefined) => Buffer.from(piece ?? []).toString();

/** A file part of `size` bytes read from `parts`, noting what was asked of it; it fails on read `failAt`. */
function part(parts: Uint8Array[], size: number, { closable = true, failAt = -1 } = {}) {
  const log = { opened: 0, reads: 0, closed: false };
  const reader = () => {
    let index = 0;
    return async (): Promise<IteratorResult<Uint8Array>> => {
      log.reads++;
      if (index === failAt) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      const value = parts[index++];
      return value ? { done: false, value } : { done: true, value: undefined };
    };
  };
  const close = async (): Promise<IteratorResult<Uint8Array>> => {
    log.closed = true;
    return { done: true, value: undefined };
  };
  const file: FilePart = {
    filename: 'file',
    size,
    bytes: () => {
      log.opened++;
      const next = reader();
      return { [Symbol.asyncIterator]: () => (closable ? { next, return: close } : { next }) };
    },
  };
  return { file, log };
}

/** A form like a chunk's: the `filename` field, then the file part. */
const chunkLike = (file: FilePart) =>
  new MultipartBody([
    ['filename', 'scan.bin'],
    ['file', file],
  ]);

describe('a file part is read as the form is sent', () => {
  it('takes nothing from the file before the body is read, then one piece per read', async () => {
    const { file, log } = part([bytes.subarray(0, 8), bytes.subarray(8, 16)], 16);
    const form = chunkLike(file);
    let pulls = 0;
    const reader = form.stream(() => pulls++).getReader();
    await settle();
    expect([pulls, log.opened, log.reads]).toEqual([0, 0, 0]);

    expect(text((await reader.read()).value)).toMatch(
      /^--(----formdata-undici-0\d{11})\r\nContent-Disposition: form-data; name="filename"\r\n\r\nscan\.bin\r\n$/,
    );
    expect(text((await reader.read()).value)).toBe(
      `--${form.boundary}\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    );
    await settle();
    expect([pulls, log.opened, log.reads]).toEqual([2, 0, 0]);

    expect((await reader.read()).value).toEqual(bytes.subarray(0, 8));
    await settle();
    expect([pulls, log.opened, log.reads]).toEqual([3, 1, 1]);
    expect((await reader.read()).value).toEqual(bytes.subarray(8, 16));
    expect(text((await reader.read()).value)).toBe('\r\n');
    expect(text((await reader.read()).value)).toBe(`--${form.boundary}--\r\n`);
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect([pulls, log.reads]).toEqual([7, 3]);
    expect(form.length).toBe(
      Buffer.byteLength(
        `--${form.boundary}\r\nContent-Disposition: form-data; name="filename"\r\n\r\nscan.bin\r\n`,
      ) +
        Buffer.byteLength(
          `--${form.boundary}\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
        ) +
        16 +
        2 +
        Buffer.byteLength(`--${form.boundary}--\r\n`),
    );
    expect(form.failure()).toBeUndefined();
  });

  it('reads the file afresh each time the form is sent (a retry)', async () => {
    const { file, log } = part([bytes.subarray(0, 16)], 16);
    const form = chunkLike(file);
    const first = await new Response(form.stream()).text();
    expect(await new Response(form.stream()).text()).toBe(first);
    expect(log.opened).toBe(2);
  });

  it('closes the file when the body is cancelled (the request was given up)', async () => {
    const { file, log } = part([bytes.subarray(0, 8), bytes.subarray(8, 16)], 16);
    const reader = chunkLike(file).stream().getReader();
    for (let i = 0; i < 3; i++) await reader.read();
    expect(log.closed).toBe(false);
    await reader.cancel();
    expect(log.closed).toBe(true);
  });

  it('a body over a file that cannot be closed is cancelled all the same', async () => {
    const { file } = part([bytes.subarray(0, 8), bytes.subarray(8, 16)], 16, { closable: false });
    const reader = chunkLike(file).stream().getReader();
    for (let i = 0; i < 3; i++) await reader.read();
    await expect(reader.cancel()).resolves.toBeUndefined();
  });

  it.each([
    ['fewer bytes than its size', [bytes.slice(0, 10)], 'it ended after 10 of 16 bytes'],
    ['more bytes than its size', [bytes.slice(0, 10), bytes.slice(10, 20)], 'it ran past its 16 bytes'],
  ])(
    'a file that gives %s fails the body with a ValidationError it also reports',
    async (_, parts, message) => {
      const form = chunkLike(part(parts, 16).file);
      const error = await new Response(form.stream()).arrayBuffer().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        argument: 'file',
        message: `the file changed while it was read: ${message}`,
      });
      expect(form.failure()).toBe(error);
    },
  );

  it.each([
    ['that can be closed, which it is', true],
    ['that cannot be closed', false],
  ])('a failing file %s: the body fails with a ValidationError that has the cause', async (_, closable) => {
    const { file, log } = part([bytes.subarray(0, 8)], 16, { closable, failAt: 1 });
    const form = chunkLike(file);
    const error = await new Response(form.stream()).arrayBuffer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'file',
      message: 'file could not be read: EIO: i/o error, read',
      cause: expect.objectContaining({ code: 'EIO' }),
    });
    expect(form.failure()).toBe(error);
    expect(log.closed).toBe(closable);
  });

  it('the SDK’s own input errors pass as they are, and a new send starts with no failure', async () => {
    const own = new ValidationError('the stream ended at byte 3, but its size was given as 16', {
      argument: 'size',
    });
    let fail = true;
    const file: FilePart = {
      filename: 'file',
      size: 16,
      async *bytes() {
        if (fail) throw own;
        yield bytes.subarray(0, 16);
      },
    };
    const form = chunkLike(file);
    expect(await new Response(form.stream()).arrayBuffer().catch((e: unknown) => e)).toBe(own);
    expect(form.failure()).toBe(own);
    fail = false;
    await new Response(form.stream()).arrayBuffer();
    expect(form.failure()).toBeUndefined();
  });

  it('as one Blob, a file part without a Blob of its own is read (and checked) into it', async () => {
    const streamed = chunkLike(part([bytes.subarray(0, 8), bytes.subarray(8, 16)], 16).file);
    const whole = await streamed.blob();
    expect(whole.size).toBe(streamed.length);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(
      new Uint8Array(await new Response(streamed.stream()).arrayBuffer()),
    );
    const short = chunkLike(part([bytes.slice(0, 10)], 16).file);
    const error = await short.blob().catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: 'the file changed while it was read: it ended after 10 of 16 bytes',
    });
    expect(short.failure()).toBe(error);
  });
});
