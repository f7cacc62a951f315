import { describe, expect, it } from 'vitest';
import { blobSource } from '../src/file-sources.js';
import { isFormBody, multipartForm, ValidationError } from '../src/internal.js';
import { type FilePart, filePart, MultipartBody } from '../src/multipart.js';

/** A Blob as a form's file part, as `multipartForm` makes it. */
const blobPart = (blob: Blob, filename: string) => filePart(blobSource(blob, { filename }));

/** What fetch itself sends for a FormData, with the boundary it chose. */
async function fetchEncoding(form: FormData): Promise<{ bytes: string; boundary: string }> {
  const response = new Response(form);
  const boundary = /boundary=(.*)$/.exec(response.headers.get('content-type') ?? '')?.[1] ?? '';
  return { bytes: Buffer.from(await response.arrayBuffer()).toString('latin1'), boundary };
}

const bytesOf = async (body: Blob | ReadableStream<Uint8Array>) =>
  Buffer.from(await new Response(body).arrayBuffer()).toString('latin1');

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for await (const piece of pieces) all.push(piece);
  return all;
}

const fileBytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
const fields: Array<[string, string]> = [
  ['name', 'plain'],
  ['lines', 'a\nb\rc\r\nd'],
  ['quote"d\nname', 'é ☃ 𝄞'],
  ['lone', 'x\uD800y'],
  ['empty', ''],
];
const files = [
  { name: 'file', blob: new Blob([fileBytes]), filename: 'data.bin' },
  { name: 'typed', blob: new Blob(['{"a": 1}'], { type: 'application/json' }), filename: 'a "b"\r\n.json' },
  { name: 'nothing', blob: new Blob([]), filename: 'empty.txt' },
  // fetch leaves out an empty filename.
  { name: 'unnamed', blob: new Blob(['u']), filename: '' },
];

describe('MultipartBody', () => {
  it('encodes a form byte for byte as fetch encodes the same FormData, with its exact length', async () => {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    for (const file of files) form.append(file.name, file.blob, file.filename);
    const expected = await fetchEncoding(form);

    const body = new MultipartBody([
      ...fields,
      ...files.map((file) => [file.name, blobPart(file.blob, file.filename)] as const),
    ]);
    const sent = await bytesOf(body.stream());
    expect(body.contentType).toBe(`multipart/form-data; boundary=${body.boundary}`);
    expect(body.boundary).toMatch(/^----formdata-undici-0\d{11}$/);
    expect(sent.split(body.boundary).join(expected.boundary)).toBe(expected.bytes);
    expect(body.length).toBe(Buffer.byteLength(sent, 'latin1'));
    expect(await bytesOf(await body.blob())).toBe(sent);
  });

  it('streams again from the start for a retry, and reports every read', async () => {
    const body = new MultipartBody([['file', blobPart(new Blob([fileBytes]), 'f')]]);
    let reads = 0;
    const first = await bytesOf(body.stream(() => reads++));
    const second = await bytesOf(body.stream());
    expect(second).toBe(first);
    expect(first).toContain(Buffer.from(fileBytes).toString('latin1'));
    // The head, at least one piece of the file, the CRLF, the tail and the final read that ends the stream.
    expect(reads).toBeGreaterThanOrEqual(5);
  });

  it('gives every body a boundary of its own', () => {
    const boundaries = Array.from({ length: 20 }, () => new MultipartBody([]).boundary);
    for (const boundary of boundaries) expect(boundary).toMatch(/^----formdata-undici-0\d{11}$/);
    expect(new Set(boundaries).size).toBe(20);
  });

  it('reads nothing before the consumer asks, then a file in pieces of at most 256 KiB', async () => {
    const big = new Uint8Array(512 * 1024).map((_, i) => i % 251);
    const body = new MultipartBody([
      ['name', 'x'],
      ['file', blobPart(new Blob([big]), 'big.bin')],
    ]);
    let reads = 0;
    const reader = body.stream(() => reads++).getReader();
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(0);
    const pieces: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) pieces.push(read.value);
    expect(reads).toBe(pieces.length + 1);
    const sizes = pieces.map((piece) => piece.byteLength);
    // The field, the file part's head, the file in two pieces, its CRLF, the closing boundary.
    expect(sizes.slice(2)).toEqual([256 * 1024, 256 * 1024, 2, body.boundary.length + 6]);
    expect(Buffer.concat(pieces.slice(2, 4)).equals(Buffer.from(big))).toBe(true);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(body.length);
  });

  it('gives the same bytes as pieces of an async iterable, read only when asked, each read reported', async () => {
    const body = new MultipartBody([
      ['name', 'x'],
      ['file', blobPart(new Blob([fileBytes]), 'f.bin')],
    ]);
    let reads = 0;
    const iterator = body.pieces(() => reads++)[Symbol.asyncIterator]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(0);
    const pieces: Uint8Array[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) pieces.push(next.value);
    expect(reads).toBe(pieces.length + 1);
    expect(Buffer.concat(pieces).toString('latin1')).toBe(await bytesOf(body.stream()));
    // A retry reads again from the start.
    expect(Buffer.concat(await collect(body.pieces())).byteLength).toBe(body.length);
  });

  it('a file that fails while read as pieces is the input problem it is, and stops the file', async () => {
    let stopped = false;
    const failing: FilePart = {
      filename: 'f.bin',
      size: 10,
      async *bytes() {
        try {
          yield new Uint8Array(4);
          throw new Error('disk gone');
        } finally {
          stopped = true;
        }
      },
    };
    const body = new MultipartBody([['file', failing]]);
    await expect(collect(body.pieces())).rejects.toThrow('file could not be read: disk gone');
    expect(body.failure()).toBeInstanceOf(ValidationError);
    expect(stopped).toBe(true);
    // A new read starts with no failure on record.
    body.pieces();
    expect(body.failure()).toBeUndefined();
  });

  it('sends a form with no entries as the closing boundary alone', async () => {
    const body = new MultipartBody([]);
    expect(await bytesOf(body.stream())).toBe(`--${body.boundary}--\r\n`);
    expect(body.length).toBe(body.boundary.length + 6);
  });
});

describe('a form where fetch cannot stream a request body', () => {
  it('goes as one Blob with the same bytes, under the deadline of the whole exchange', async () => {
    const { createTransport } = await import('../src/transport.js');
    const calls: Array<{ body: unknown; headers: Headers; signal?: AbortSignal | null }> = [];
    const fetch = async (_url: string | URL | Request, init: RequestInit = {}) => {
      calls.push({ body: init.body, headers: new Headers(init.headers), signal: init.signal });
      return new Response('{}');
    };
    const form = new MultipartBody([
      ['name', 'x'],
      ['file', blobPart(new Blob(['hello']), 'f.txt')],
    ]);
    const send = createTransport(fetch, false);
    const sent = await send({
      method: 'POST',
      url: 'https://synapse.test/data_files/',
      headers: { 'Content-Type': form.contentType, 'Content-Length': String(form.length) },
      body: form,
      timeout: { connect: 1, read: 1 },
    });
    sent.guard.release();

    expect(sent.ok).toBe(true);
    expect(calls).toHaveLength(1);
    const call = calls[0] as (typeof calls)[number];
    expect(call.body).toBeInstanceOf(Blob);
    expect(await bytesOf(call.body as Blob)).toBe(await bytesOf(form.stream()));
    expect(call.headers.get('content-type')).toBe(form.contentType);
    expect(call.headers.get('content-length')).toBe(String(form.length));
  });
});

describe('multipartForm', () => {
  const text = (body: MultipartBody) => bytesOf(body.stream());

  it('writes fields as the Python client does: booleans as True/False, objects as JSON, lists repeated, None left out', async () => {
    const form = await multipartForm(
      { on: true, off: false, n: 3, meta: { a: [1, 'x'] }, tags: ['a', 'b'], gone: null, unset: undefined },
      { file: { content: new Uint8Array([104, 105]), filename: 'hi.txt' } },
    );
    const expected = new FormData();
    for (const [name, value] of [
      ['on', 'True'],
      ['off', 'False'],
      ['n', '3'],
      ['meta', '{"a":[1,"x"]}'],
      ['tags', 'a'],
      ['tags', 'b'],
    ])
      expected.append(name as string, value as string);
    expected.append('file', new Blob(['hi']), 'hi.txt');
    const { bytes, boundary } = await fetchEncoding(expected);
    expect((await text(form)).split(form.boundary).join(boundary)).toBe(bytes);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
  ])('takes %s fields as none: the form holds the file alone', async (_, fields) => {
    const form = await multipartForm(fields, { file: new Uint8Array([1]) });
    expect((await text(form)).match(/Content-Disposition/g)).toHaveLength(1);
  });

  it.each([
    ['text', 'name=x'],
    ['a number', 5],
    ['a list', [['name', 'x']]],
  ])('refuses fields that are %s', async (_, fields) => {
    const error = await multipartForm(fields, { file: new Uint8Array([1]) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'data',
      message: 'form fields sent with files must be an object',
    });
  });
});

describe('isFormBody', () => {
  it('tells a form from the other bodies', () => {
    expect(isFormBody(new MultipartBody([]))).toBe(true);
    // Bun's ReadableStream has blob(); a body of the same shape as a form is still not one.
    const streamWithBlob = Object.assign(new ReadableStream(), { blob: async () => new Blob([]) });
    const lookalike = { contentType: 'multipart/form-data', length: 0, stream() {}, blob() {}, failure() {} };
    for (const other of [
      undefined,
      null,
      '{"a": 1}',
      new Uint8Array(1),
      new ReadableStream(),
      {},
      streamWithBlob,
      lookalike,
    ]) {
      expect(isFormBody(other)).toBe(false);
    }
  });
});
