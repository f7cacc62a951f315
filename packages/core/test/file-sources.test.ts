import { truncate } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { type FileSource, READ_SIZE } from '../src/file-sources.js';
import { type FileInput, openFile, ValidationError } from '../src/internal.js';
import { patternBytes, tempFiles } from './helpers/upload-files.js';

const files = await tempFiles();
afterAll(files.cleanup);

const bytes = patternBytes(20);

/** The pieces a read gives, copied (a piece may be a view of a buffer the source reuses). */
async function pieces(source: FileSource, start: number, end: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const piece of source.read(start, end)) out.push(piece.slice());
  return out;
}

/** The bytes a read gives; every piece holds some. */
async function read(source: FileSource, start: number, end: number): Promise<Uint8Array> {
  const parts = await pieces(source, start, end);
  for (const part of parts) expect(part.byteLength).toBeGreaterThan(0);
  return new Uint8Array(Buffer.concat(parts));
}

/** A one-shot Node stream of `bytes` cut at `cuts`. */
function nodeStream(...cuts: number[]) {
  const bounds = [0, ...cuts, bytes.byteLength];
  return Readable.from(bounds.slice(1).map((end, i) => Buffer.from(bytes.slice(bounds[i], end))));
}

/** A file input opened as a chunked upload opens it: a stream must come with its size. */
const openSource = (input: FileInput, options: { filename?: unknown; size?: unknown } = {}) =>
  openFile(input, { argument: 'file', requireSize: true, ...options });

const streamOf = (...cuts: number[]) => openSource({ content: nodeStream(...cuts), size: 20 });

async function expectRefused(make: () => Promise<unknown>, argument: string, message: unknown) {
  const error = await make().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ argument, message });
}

describe('openFile: what it accepts', () => {
  it.each([
    ['a path', async () => files.write('scan.bin', bytes), 'scan.bin'],
    ['a Blob', async () => new Blob([bytes]), 'file'],
    ['a File', async () => new File([bytes], 'named.bin'), 'named.bin'],
    ['a File without a name', async () => new File([bytes], ''), 'file'],
    ['a Blob whose name is no string', async () => Object.assign(new Blob([bytes]), { name: 7 }), 'file'],
    ['bytes', async () => bytes, 'file'],
    ['an ArrayBuffer', async () => bytes.slice().buffer, 'file'],
    ['a Node stream with its size', async () => ({ content: nodeStream(7), size: 20 }), 'file'],
    [
      'a web stream with its size and name',
      async () => ({ content: new Blob([bytes]).stream(), size: 20, filename: 'web.bin' }),
      'web.bin',
    ],
    ['named bytes', async () => ({ content: bytes, filename: 'given.bin' }), 'given.bin'],
  ])('%s: its size, its filename and its bytes', async (_, make, filename) => {
    const source = await openSource((await make()) as FileInput, {});
    expect(source.size).toBe(20);
    expect(source.filename).toBe(filename);
    expect(await read(source, 0, 20)).toEqual(bytes);
    await source.close();
  });

  it('the filename and size options win over those of a named input', async () => {
    const source = await openSource(
      { content: new Blob([bytes]).stream(), filename: 'inner.bin', size: 99 },
      { filename: 'outer.bin', size: 20 },
    );
    expect(source).toMatchObject({ filename: 'outer.bin', size: 20 });
    expect(await read(source, 0, 20)).toEqual(bytes);
  });

  const noFile = (got: string) => `file must be a file path, Blob, bytes or a stream, got ${got}`;
  const noSize = 'size is required (a whole number of bytes ≥ 0) to upload a stream';
  const badSize = (name: string) => `${name} must be a whole number of bytes ≥ 0`;
  const noName = (name: string) => `${name} must be a non-empty string`;
  it.each([
    ['null', null, {}, 'file', noFile('null')],
    ['a number', 42, {}, 'file', noFile('number')],
    ['a plain object', { path: 'x' }, {}, 'file', noFile('object')],
    ['an empty filename option', bytes, { filename: '' }, 'filename', noName('filename')],
    ['a filename option that is no string', bytes, { filename: 5 }, 'filename', noName('filename')],
    [
      'a named input with an empty filename',
      { content: bytes, filename: '' },
      {},
      'file.filename',
      noName('file.filename'),
    ],
    ['a stream without size', Readable.from(['x']), {}, 'size', noSize],
    ['a stream with a negative size', Readable.from(['x']), { size: -1 }, 'size', badSize('size')],
    ['a stream with a fractional size', Readable.from(['x']), { size: 1.5 }, 'size', badSize('size')],
    [
      'a stream with its size as text',
      { content: Readable.from(['x']), size: '1' },
      {},
      'file.size',
      badSize('file.size'),
    ],
  ])('refuses %s', async (_, input, options, argument, message) => {
    await expectRefused(() => openSource(input as FileInput, options), argument, message);
  });

  it('refuses a path that does not exist, naming the file argument', async () => {
    const missing = `${files.dir}/missing.bin`;
    await expectRefused(
      () => openSource(missing),
      'file',
      `file: file ${JSON.stringify(missing)} does not exist`,
    );
  });
});

describe('a path, a Blob or bytes', () => {
  const big = patternBytes(2 * READ_SIZE + 5);

  it.each([
    ['a path', () => files.write('big.bin', big)],
    ['bytes', async () => big],
  ])('%s is read in pieces of at most READ_SIZE bytes, from any offset, again and again', async (_, make) => {
    const source = await openSource(await make());
    const whole = await pieces(source, 0, big.byteLength);
    expect(whole.map((piece) => piece.byteLength)).toEqual([READ_SIZE, READ_SIZE, 5]);
    expect(Buffer.concat(whole).equals(big)).toBe(true);
    expect(await read(source, READ_SIZE - 3, READ_SIZE + 4)).toEqual(big.slice(READ_SIZE - 3, READ_SIZE + 4));
    expect(await read(source, 7, 7)).toEqual(new Uint8Array(0));
    expect(await read(source, 0, 20)).toEqual(big.slice(0, 20));
    await source.close();
  });

  it('a path is read into the same buffers read after read, and a read beside another gets buffers of its own', async () => {
    const source = await openSource(await files.write('reused.bin', big));
    const bufferOf = async (start: number) => {
      for await (const piece of source.read(start, big.byteLength)) return piece.buffer;
    };
    const first = await bufferOf(0);
    expect(await bufferOf(0)).toBe(first);
    // Two reads at once (a chunk sent again while the failed one winds down) must not share buffers.
    const a = source.read(0, big.byteLength);
    const b = source.read(READ_SIZE, big.byteLength);
    const [pieceA, pieceB] = [(await a.next()).value, (await b.next()).value];
    expect(pieceB?.buffer).not.toBe(pieceA?.buffer);
    expect(Buffer.from(pieceA as Uint8Array).equals(big.subarray(0, READ_SIZE))).toBe(true);
    expect(Buffer.from(pieceB as Uint8Array).equals(big.subarray(READ_SIZE, 2 * READ_SIZE))).toBe(true);
    await a.return(undefined);
    await b.return(undefined);
    await source.close();
  });

  it('a Blob is read from any offset, again and again', async () => {
    const source = await openSource(new Blob([bytes]));
    expect(await read(source, 3, 11)).toEqual(bytes.slice(3, 11));
    expect(await read(source, 0, 20)).toEqual(bytes);
  });

  it('a file that shrinks while its next piece is read ahead: a read stopped early leaves no failure behind', async () => {
    const path = await files.write('shrinks.bin', big.slice(0, 2 * READ_SIZE));
    const source = await openSource(path);
    await truncate(path, READ_SIZE);
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const reading = source.read(0, 2 * READ_SIZE);
      const first = await reading.next();
      expect(first.value?.byteLength).toBe(READ_SIZE);
      // The read ahead of the second piece finds the file shorter; the consumer stops before asking for it.
      await reading.return(undefined);
      // Closing waits for the read in flight, whose failure then settles.
      await source.close();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});

describe('a one-shot stream', () => {
  it('is read front to back across its pieces, from any offset ahead', async () => {
    const source = await streamOf(5, 12);
    expect(await read(source, 3, 8)).toEqual(bytes.slice(3, 8));
    expect(await read(source, 8, 20)).toEqual(bytes.slice(8, 20));
  });

  it('keeps what was not released, so a failed chunk is read again, whole or from where the server stopped', async () => {
    const source = await streamOf(5, 12);
    expect(await read(source, 0, 16)).toEqual(bytes.slice(0, 16));
    expect(await read(source, 0, 16)).toEqual(bytes.slice(0, 16));
    source.release(6);
    expect(await read(source, 6, 16)).toEqual(bytes.slice(6, 16));
    expect(await read(source, 10, 14)).toEqual(bytes.slice(10, 14));
    source.release(3);
    expect(await read(source, 6, 20)).toEqual(bytes.slice(6, 20));
  });

  it('cannot give again what was released once read', async () => {
    const source = await streamOf(5, 12);
    expect(await read(source, 0, 16)).toEqual(bytes.slice(0, 16));
    source.release(12);
    for (const start of [0, 11]) {
      await expectRefused(
        () => read(source, start, 16),
        'file',
        `cannot read a one-shot stream again from byte ${start}; pass a path or Blob`,
      );
    }
    expect(await read(source, 12, 20)).toEqual(bytes.slice(12, 20));
  });

  it('gives the bytes released before they were read (resuming) once, then goes on after them', async () => {
    const source = await streamOf(5, 12);
    source.release(10);
    expect(await read(source, 0, 10)).toEqual(bytes.slice(0, 10));
    expect(await read(source, 10, 16)).toEqual(bytes.slice(10, 16));
    expect(await read(source, 10, 20)).toEqual(bytes.slice(10, 20));
    await expectRefused(
      () => read(source, 4, 20),
      'file',
      'cannot read a one-shot stream again from byte 4; pass a path or Blob',
    );
  });

  it('a release while a read of kept bytes is under way does not cut that read short', async () => {
    const source = await streamOf(5, 12);
    expect(await read(source, 0, 12)).toEqual(bytes.slice(0, 12));
    const reading = source.read(0, 12);
    const first = await reading.next();
    source.release(5);
    const rest = await reading.next();
    expect([first.value, rest.value].map((piece) => new Uint8Array(piece ?? []))).toEqual([
      bytes.slice(0, 5),
      bytes.slice(5, 12),
    ]);
    expect((await reading.next()).done).toBe(true);
  });

  it('an empty piece anywhere changes nothing', async () => {
    const pieces = [bytes.slice(0, 7), new Uint8Array(0), bytes.slice(7), new Uint8Array(0)];
    const source = await openSource({ content: Readable.from(pieces), size: 20 });
    expect(await read(source, 0, 16)).toEqual(bytes.slice(0, 16));
    expect(await read(source, 0, 16)).toEqual(bytes.slice(0, 16));
    source.release(16);
    expect(await read(source, 16, 20)).toEqual(bytes.slice(16));
  });

  it('a stream of text is read as its UTF-8 bytes, and may end with empty text', async () => {
    const text = 'héllo ☃';
    const utf8 = new TextEncoder().encode(text);
    const source = await openSource(
      { content: Readable.from(['hé', 'llo ☃', '']), size: utf8.byteLength },
      {},
    );
    expect(await read(source, 0, utf8.byteLength)).toEqual(utf8);
  });

  it('close destroys a Node stream', async () => {
    const stream = nodeStream(5);
    const source = await openSource({ content: stream, size: 20 });
    expect(await read(source, 0, 3)).toEqual(bytes.slice(0, 3));
    await source.close();
    expect(stream.destroyed).toBe(true);
  });

  it('close cancels a web stream, read or not, and unlocks it', async () => {
    for (const readFirst of [true, false]) {
      let cancelled = false;
      const stream = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(bytes.slice(0, 4)),
        cancel: () => {
          cancelled = true;
        },
      });
      const source = await openSource({ content: stream, size: 20 });
      if (readFirst) expect(await read(source, 0, 4)).toEqual(bytes.slice(0, 4));
      await source.close();
      expect(cancelled).toBe(true);
      expect(stream.locked).toBe(false);
    }
  });

  it('close ends a stream-like input whose iterator has no return()', async () => {
    let reads = 0;
    const streamLike = {
      pipe: () => undefined,
      [Symbol.asyncIterator]: () => ({
        next: async () => (reads++ === 0 ? { done: false, value: bytes } : { done: true, value: undefined }),
      }),
    };
    const source = await openSource({ content: streamLike, size: 20 });
    expect(await read(source, 0, 20)).toEqual(bytes);
    await expect(source.close()).resolves.toBeUndefined();
  });
});
