import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { filesBelow, type Setup, setup } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup();
});
afterAll(() => t.emulator.stop());

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

function form(parts: [name: string, value: string | Buffer, filename?: string][]): FormData {
  const body = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') body.append(name, value);
    else body.append(name, new Blob([new Uint8Array(value)]), filename ?? 'file');
  }
  return body;
}

const put = (
  url: string,
  body: FormData | string | URLSearchParams | undefined,
  range: string,
  headers: Record<string, string> = {},
) => t.call('PUT', url, { body, headers: { 'Content-Range': range, ...headers } });

const uploadIds = async () =>
  (await t.call('GET', 'chunked_upload/?page_size=1000')).body.results.map(
    (upload: { id: string }) => upload.id,
  );
const uploadFiles = () => filesBelow(join(t.emulator.dataDir, 'backend', 'uploads'));

describe('chunked upload: Content-Range', () => {
  it('takes a one-byte chunk', async () => {
    const reply = await put('chunked_upload/', form([['file', Buffer.from('a')]]), 'bytes 0-0/1');
    expect(reply).toMatchObject({ status: 200, body: { offset: 1, md5: null, status: 'uploading' } });
  });

  it('400 for an end at or past the total, with the reason', async () => {
    const reply = await put('chunked_upload/', form([['file', Buffer.alloc(10)]]), 'bytes 0-9/9');
    expect(reply).toMatchObject({
      status: 400,
      body: { detail: 'Error in request headers', reason: 'Range end exceeds the total size' },
    });
  });

  it('400 for a total past the largest safe integer, and for text around the range', async () => {
    for (const range of ['bytes 0-9/99999999999999999999', 'xbytes 0-9/10', 'bytes 0-9/10x', 'bytes 0-9/']) {
      const reply = await put('chunked_upload/', form([['file', Buffer.alloc(10)]]), range);
      expect([range, reply.status, reply.body]).toEqual([range, 400, { detail: 'Error in request headers' }]);
    }
  });
});

describe('chunked upload: the first chunk', () => {
  it('must be a multipart form', async () => {
    for (const body of ['not a form', new URLSearchParams({ file: 'x' }), undefined]) {
      const reply = await t.call('PUT', 'chunked_upload/', {
        body,
        headers: { 'Content-Range': 'bytes 0-0/1' },
      });
      expect(reply).toMatchObject({ status: 400, body: { detail: 'No chunk file was submitted' } });
    }
  });

  it('must start at 0, and nothing is created otherwise', async () => {
    const before = await uploadIds();
    const reply = await put('chunked_upload/', form([['file', Buffer.alloc(5)]]), 'bytes 5-9/10');
    expect(reply).toMatchObject({
      status: 400,
      body: { detail: 'Offsets do not match', expected_offset: 0, provided_offset: 5 },
    });
    expect(await uploadIds()).toEqual(before);
  });

  it('of the wrong size leaves no upload and no file behind', async () => {
    const before = await uploadIds();
    const files = await uploadFiles();
    const counts = t.emulator.stats().resources.chunked_uploads;
    const reply = await put('chunked_upload/', form([['file', Buffer.alloc(5)]]), 'bytes 0-9/20');
    expect(reply).toMatchObject({
      status: 400,
      body: { detail: "File size doesn't match headers: file size is 5 but 10 reported" },
    });
    expect(await uploadIds()).toEqual(before);
    expect(await uploadFiles()).toEqual(files);
    expect(t.emulator.stats().resources.chunked_uploads).toBe(counts);
  });

  it('is named by the filename field, before or after the file part, else by the part', async () => {
    const data = Buffer.from('abc');
    const before = await put(
      'chunked_upload/',
      form([
        ['filename', 'a.bin'],
        ['file', data, 'p.bin'],
      ]),
      'bytes 0-2/6',
    );
    expect(before.body.filename).toBe('a.bin');
    const after = await put(
      'chunked_upload/',
      form([
        ['file', data, 'p.bin'],
        ['filename', 'b.bin'],
      ]),
      'bytes 0-2/6',
    );
    expect(after.body.filename).toBe('b.bin');
    const none = await put('chunked_upload/', form([['file', data, 'p.bin']]), 'bytes 0-2/6');
    expect(none.body.filename).toBe('p.bin');
    // A later chunk's filename field renames nothing.
    const next = await put(
      before.body.url,
      form([
        ['filename', 'c.bin'],
        ['file', data],
      ]),
      'bytes 3-5/6',
    );
    expect(next.body).toMatchObject({ filename: 'a.bin', offset: 6 });
    expect((await t.call('GET', before.body.url)).body.filename).toBe('a.bin');
  });

  it('reads only the first part named file', async () => {
    const wanted = Buffer.from('wanted');
    const reply = await put(
      'chunked_upload/',
      form([
        ['other', Buffer.from('other bytes')],
        ['file', wanted],
        ['file', Buffer.from('second')],
      ]),
      `bytes 0-${wanted.length - 1}/${wanted.length}`,
    );
    expect(reply.body.offset).toBe(wanted.length);
    const done = await t.call('POST', reply.body.url, { json: { md5: md5(wanted) } });
    expect(done).toMatchObject({ status: 200, body: { status: 'complete', md5: md5(wanted) } });
  });

  it('expires after the configured time (24 hours by default)', async () => {
    const start = Date.now();
    const reply = await put('chunked_upload/', form([['file', Buffer.from('x')]]), 'bytes 0-0/2');
    const expires = Date.parse(reply.body.expires);
    const day = 24 * 60 * 60 * 1000;
    expect(expires).toBeGreaterThanOrEqual(start + day);
    expect(expires).toBeLessThanOrEqual(Date.now() + day);
  });
});

describe('chunked upload: checks before the body is read', () => {
  it('a completed upload refuses more bytes and another completion, whatever the body', async () => {
    const data = Buffer.from('done');
    const first = await put('chunked_upload/', form([['file', data]]), 'bytes 0-3/4');
    expect((await t.call('POST', first.body.url, { json: { md5: md5(data) } })).status).toBe(200);
    const complete = { status: 400, body: { detail: 'Upload has already been marked as "complete"' } };
    expect(await put(first.body.url, 'not a form', 'bytes 4-4/5')).toMatchObject(complete);
    const again = await t.call('POST', first.body.url, {
      body: '{"md5": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(again).toMatchObject(complete);
  });

  it('a later chunk needs a file part too', async () => {
    const first = await put('chunked_upload/', form([['file', Buffer.from('ab')]]), 'bytes 0-1/4');
    const reply = await put(first.body.url, form([['filename', 'x.bin']]), 'bytes 2-3/4');
    expect(reply).toMatchObject({ status: 400, body: { detail: 'No chunk file was submitted' } });
    expect((await t.call('GET', first.body.url)).body).toMatchObject({ offset: 2, filename: 'file' });
  });

  it('a chunk at the wrong offset is refused before its body', async () => {
    const first = await put('chunked_upload/', form([['file', Buffer.from('ab')]]), 'bytes 0-1/4');
    const reply = await put(first.body.url, 'not a form', 'bytes 3-3/4');
    expect(reply).toMatchObject({
      status: 400,
      body: { detail: 'Offsets do not match', expected_offset: 2, provided_offset: 3 },
    });
  });
});

describe('chunked upload: completion', () => {
  const data = Buffer.from('complete me');
  const started = async () =>
    (await put('chunked_upload/', form([['file', data]]), `bytes 0-10/11`)).body.url;

  it('takes the MD5 from a JSON body, an urlencoded form or a multipart form, in any case', async () => {
    const viaForm = await t.call('POST', await started(), {
      body: new URLSearchParams({ md5: md5(data) }),
    });
    expect(viaForm).toMatchObject({ status: 200, body: { status: 'complete', md5: md5(data) } });
    const viaMultipart = await t.call('POST', await started(), { body: form([['md5', md5(data)]]) });
    expect(viaMultipart).toMatchObject({ status: 200, body: { status: 'complete' } });
    const upper = await t.call('POST', await started(), { json: { md5: md5(data).toUpperCase() } });
    expect(upper).toMatchObject({ status: 200, body: { md5: md5(data) } });
  });

  it('400 Checksum required for an empty, non-string or missing MD5', async () => {
    const url = await started();
    for (const json of [{ md5: '' }, { md5: 5 }, [md5(data)], md5(data)]) {
      const reply = await t.call('POST', url, { json });
      expect(reply).toMatchObject({ status: 400, body: { detail: "Checksum of type 'md5' is required" } });
    }
    const empty = await t.call('POST', url);
    expect(empty).toMatchObject({ status: 400, body: { detail: "Checksum of type 'md5' is required" } });
    const urlencoded = await t.call('POST', url, { body: new URLSearchParams({ other: 'x' }) });
    expect(urlencoded.body.detail).toBe("Checksum of type 'md5' is required");
    expect((await t.call('GET', url)).body.status).toBe('uploading');
  });

  it('a whole-file POST that fails its checksum leaves no upload and no file behind', async () => {
    const before = await uploadIds();
    const files = await uploadFiles();
    for (const fields of [[['md5', '0'.repeat(32)]], []] as [string, string][][]) {
      const reply = await t.call('POST', 'chunked_upload/', { body: form([...fields, ['file', data]]) });
      expect(reply.status).toBe(400);
    }
    expect(await uploadIds()).toEqual(before);
    expect(await uploadFiles()).toEqual(files);
  });

  it('a whole-file POST is named by its part without a filename field', async () => {
    const reply = await t.call('POST', 'chunked_upload/', {
      body: form([
        ['md5', md5(data)],
        ['file', data, 'part.bin'],
      ]),
    });
    expect(reply.body).toMatchObject({ status: 'complete', filename: 'part.bin', offset: data.length });
  });

  it('a rejected chunk longer than its range leaves no bytes behind in the stored file', async () => {
    const data = Buffer.from(Array.from({ length: 2000 }, (_, i) => i % 256));
    const first = await put('chunked_upload/', form([['file', data.subarray(0, 1000)]]), 'bytes 0-999/2000');
    const long = await put(first.body.url, form([['file', Buffer.alloc(1500, 7)]]), 'bytes 1000-1999/2000');
    expect(long.status).toBe(400);
    await put(first.body.url, form([['file', data.subarray(1000)]]), 'bytes 1000-1999/2000');
    const done = await t.call('POST', first.body.url, { json: { md5: md5(data) } });
    expect(done.status).toBe(200);
    const file = await t.call('POST', 'data_files/', { json: { chunked_upload: first.body.id } });
    expect(file.body).toMatchObject({ checksum: sha1(data), size: data.length });
    expect(Buffer.from(await (await fetch(file.body.file)).arrayBuffer())).toEqual(data);
  });
});

describe('chunked upload: the expiry instant', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('an upload takes chunks up to its expiry time included, and none a millisecond later', async () => {
    const first = await put('chunked_upload/', form([['file', Buffer.from('a')]]), 'bytes 0-0/3');
    const expires = Date.parse(first.body.expires);
    vi.spyOn(Date, 'now').mockReturnValue(expires);
    const onTime = await put(first.body.url, form([['file', Buffer.from('b')]]), 'bytes 1-1/3');
    expect(onTime).toMatchObject({ status: 200, body: { offset: 2 } });
    vi.spyOn(Date, 'now').mockReturnValue(expires + 1);
    const late = await put(first.body.url, form([['file', Buffer.from('c')]]), 'bytes 2-2/3');
    expect(late).toMatchObject({ status: 410, body: { detail: 'Upload has expired' } });
  });
});
