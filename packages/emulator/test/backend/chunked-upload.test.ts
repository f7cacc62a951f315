import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody, type Setup, setup, startPartialRequest, until } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup();
});
afterAll(() => t.emulator.stop());

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

function chunkForm(chunk: Buffer, filename = 'data.bin'): FormData {
  const form = new FormData();
  form.append('filename', filename);
  form.append('file', new Blob([new Uint8Array(chunk)]), 'file');
  return form;
}

const putChunk = (url: string, chunk: Buffer, start: number, total: number, token?: string) =>
  t.call('PUT', url, {
    body: chunkForm(chunk),
    token,
    headers: { 'Content-Range': `bytes ${start}-${start + chunk.length - 1}/${total}` },
  });

describe('chunked upload', () => {
  const data = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
  const chunks = [data.subarray(0, 1000), data.subarray(1000, 2000), data.subarray(2000)];

  it('uploads in chunks, resumes via GET and completes with the MD5', async () => {
    const first = await putChunk('chunked_upload/', chunks[0] as Buffer, 0, data.length);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      offset: 1000,
      filename: 'data.bin',
      status: 'uploading',
      completed_at: null,
    });
    expect(first.body.url).toBe(`${t.emulator.backendUrl}/chunked_upload/${first.body.id}/`);
    expect(typeof first.body.created_at).toBe('string');
    expect(typeof first.body.expires).toBe('string');
    const state = await t.call('GET', first.body.url);
    expect(state.body.offset).toBe(1000);
    await putChunk(first.body.url, chunks[1] as Buffer, 1000, data.length);
    const third = await putChunk(first.body.url, chunks[2] as Buffer, 2000, data.length);
    expect(third.body.offset).toBe(3000);
    const done = await t.call('POST', first.body.url, { json: { md5: md5(data) } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: first.body.id, status: 'complete', offset: 3000 });
    expect(typeof done.body.completed_at).toBe('string');
    const again = await putChunk(first.body.url, chunks[0] as Buffer, 3000, 4000);
    expect(again).toMatchObject({
      status: 400,
      body: { detail: 'Upload has already been marked as "complete"' },
    });
    const list = await t.call('GET', 'chunked_upload/');
    expect(list.body.results.map((upload: { id: string }) => upload.id)).toContain(first.body.id);
  });

  it('rejects a chunk at the wrong offset with both offsets', async () => {
    const first = await putChunk('chunked_upload/', chunks[0] as Buffer, 0, data.length);
    const wrong = await putChunk(first.body.url, chunks[2] as Buffer, 2000, data.length);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      detail: 'Offsets do not match',
      expected_offset: 1000,
      provided_offset: 2000,
    });
    expect((await t.call('GET', first.body.url)).body.offset).toBe(1000);
  });

  it('rejects a checksum mismatch and a missing checksum', async () => {
    const first = await putChunk('chunked_upload/', data, 0, data.length);
    expect(await t.call('POST', first.body.url, { json: {} })).toMatchObject({
      status: 400,
      body: { detail: "Checksum of type 'md5' is required" },
    });
    expect(await t.call('POST', first.body.url, { json: { md5: md5(Buffer.from('other')) } })).toMatchObject({
      status: 400,
      body: { detail: 'checksum does not match' },
    });
  });

  it('400 for a missing or malformed Content-Range, and for a missing file part', async () => {
    const missing = await t.call('PUT', 'chunked_upload/', { body: chunkForm(data) });
    expect(missing).toMatchObject({ status: 400, body: { detail: 'Error in request headers' } });
    for (const range of ['bytes 0-10', 'bytes=0-9/10', 'bytes 5-2/10', 'bytes 0-10/5', 'items 0-1/2']) {
      const reply = await t.call('PUT', 'chunked_upload/', {
        body: chunkForm(data),
        headers: { 'Content-Range': range },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.detail).toBe('Error in request headers');
    }
    const form = new FormData();
    form.append('filename', 'x.bin');
    const noFile = await t.call('PUT', 'chunked_upload/', {
      body: form,
      headers: { 'Content-Range': 'bytes 0-9/10' },
    });
    expect(noFile).toMatchObject({ status: 400, body: { detail: 'No chunk file was submitted' } });
  });

  it('rejects a chunk whose size differs from the range and keeps the offset', async () => {
    const first = await putChunk('chunked_upload/', chunks[0] as Buffer, 0, data.length);
    const bad = await t.call('PUT', first.body.url, {
      body: chunkForm(chunks[1] as Buffer),
      headers: { 'Content-Range': `bytes 1000-1499/${data.length}` },
    });
    expect(bad.status).toBe(400);
    expect((await t.call('GET', first.body.url)).body.offset).toBe(1000);
    await putChunk(first.body.url, chunks[1] as Buffer, 1000, data.length);
    await putChunk(first.body.url, chunks[2] as Buffer, 2000, data.length);
    expect((await t.call('POST', first.body.url, { json: { md5: md5(data) } })).status).toBe(200);
  });

  it("hides another token's upload (404)", async () => {
    const first = await putChunk('chunked_upload/', data, 0, data.length);
    const { agentToken, readOnlyToken } = t.emulator.tokens;
    expect((await t.call('GET', first.body.url, { token: agentToken })).status).toBe(404);
    expect((await t.call('GET', first.body.url, { token: readOnlyToken })).status).toBe(404);
    expect((await putChunk(first.body.url, data, 3000, 6000, agentToken)).status).toBe(404);
    const list = await t.call('GET', 'chunked_upload/', { token: agentToken });
    expect(list.body.results.map((upload: { id: string }) => upload.id)).not.toContain(first.body.id);
    expect((await t.call('GET', 'chunked_upload/00000000-0000-0000-0000-000000000000/')).status).toBe(404);
  });

  it('uploads a whole file in one POST', async () => {
    const form = chunkForm(data, 'whole.bin');
    form.append('md5', md5(data));
    const reply = await t.call('POST', 'chunked_upload/', { body: form });
    expect(reply.body).toMatchObject({ status: 'complete', offset: data.length, filename: 'whole.bin' });
    const bad = chunkForm(data);
    bad.append('md5', '0'.repeat(32));
    expect((await t.call('POST', 'chunked_upload/', { body: bad })).body.detail).toBe(
      'checksum does not match',
    );
  });
});

describe('chunked upload: a client that goes away mid-chunk', () => {
  const data = Buffer.from(Array.from({ length: 192 * 1024 }, (_, i) => (i * 7) % 253));
  const chunks = [
    data.subarray(0, 64 * 1024),
    data.subarray(64 * 1024, 128 * 1024),
    data.subarray(128 * 1024),
  ];

  /** 409 while another request writes to the upload, else 400 (offset mismatch); never appends anything. */
  const probe = async (url: string) => (await putChunk(url, Buffer.from('x'), 1, data.length)).status;

  it('frees the upload at once: the same chunk can be sent again and the upload completes', async () => {
    const first = await putChunk('chunked_upload/', chunks[0] as Buffer, 0, data.length);
    expect(first.body.offset).toBe(chunks[0]?.length);
    const { body, contentType } = multipartBody(
      { filename: 'data.bin' },
      { field: 'file', filename: 'file', data: chunks[1] as Buffer },
    );
    const request = await startPartialRequest(first.body.url, {
      method: 'PUT',
      headers: {
        'content-type': contentType,
        'content-range': `bytes ${64 * 1024}-${128 * 1024 - 1}/${data.length}`,
        'synapse-access-token': `Token ${t.emulator.tokens.accessToken}`,
      },
      body,
      sentBytes: body.length / 2,
    });
    // The half-sent chunk is being written.
    await until(async () => ((await probe(first.body.url)) === 409 ? true : undefined), 5_000);
    request.abort();
    await until(async () => ((await probe(first.body.url)) === 400 ? true : undefined), 1_000);
    expect((await t.call('GET', first.body.url)).body.offset).toBe(64 * 1024);

    const again = await putChunk(first.body.url, chunks[1] as Buffer, 64 * 1024, data.length);
    expect(again).toMatchObject({ status: 200, body: { offset: 128 * 1024 } });
    const last = await putChunk(first.body.url, chunks[2] as Buffer, 128 * 1024, data.length);
    expect(last.body.offset).toBe(data.length);
    const done = await t.call('POST', first.body.url, { json: { md5: md5(data) } });
    expect(done).toMatchObject({ status: 200, body: { status: 'complete', md5: md5(data) } });
  });
});

describe('chunked upload expiry', () => {
  let short: Setup;
  beforeAll(async () => {
    short = await setup({ uploadExpiryMs: 50 });
  });
  afterAll(() => short.emulator.stop());

  it('410 Upload has expired', async () => {
    const form = new FormData();
    form.append('filename', 'a.bin');
    form.append('file', new Blob([Buffer.from('abcd')]), 'file');
    const first = await short.call('PUT', 'chunked_upload/', {
      body: form,
      headers: { 'Content-Range': 'bytes 0-3/8' },
    });
    expect(first.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const late = new FormData();
    late.append('file', new Blob([Buffer.from('efgh')]), 'file');
    const reply = await short.call('PUT', first.body.url, {
      body: late,
      headers: { 'Content-Range': 'bytes 4-7/8' },
    });
    expect(reply).toMatchObject({ status: 410, body: { detail: 'Upload has expired' } });
    const complete = await short.call('POST', first.body.url, { json: { md5: 'x' } });
    expect(complete.status).toBe(410);
  });
});
