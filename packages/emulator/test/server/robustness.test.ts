import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Setup, setup } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup();
});
afterAll(() => t.emulator.stop());

/** A raw HTTP request, for bodies fetch would not send. */
function raw(method: string, path: string, headers: Record<string, string>, body: string | Buffer) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${t.emulator.backendUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('robustness: bad input gets a 4xx and the emulator keeps serving', () => {
  const alive = async () => expect((await t.call('GET', 'projects/1/')).status).toBe(200);

  it('a truncated multipart body', async () => {
    const reply = await raw(
      'PUT',
      '/chunked_upload/',
      {
        'content-type': 'multipart/form-data; boundary=XYZ',
        'content-range': 'bytes 0-99/100',
        'synapse-access-token': `Token ${t.emulator.tokens.accessToken}`,
      },
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n\r\nabc',
    );
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    await alive();
  });

  it('a non-multipart body where a file is expected', async () => {
    const reply = await t.call('PUT', 'chunked_upload/', {
      json: { file: 'nope' },
      headers: { 'Content-Range': 'bytes 0-3/4' },
    });
    expect(reply).toMatchObject({ status: 400, body: { detail: 'No chunk file was submitted' } });
    await alive();
  });

  it('JSON of the wrong shape', async () => {
    expect((await t.call('POST', 'tasks/', { json: 'a string' })).status).toBe(400);
    expect((await t.call('PATCH', 'jobs/1/', { json: [1, 2] })).status).toBe(400);
    expect((await t.call('POST', 'data_files/verify_checksums/', { json: { checksums: 'x' } })).status).toBe(
      400,
    );
    await alive();
  });

  it('an oversized body with a lying Content-Length is cut off at the limit', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const reply = await raw(
      'POST',
      '/tasks/',
      {
        'content-type': 'application/json',
        'synapse-access-token': `Token ${t.emulator.tokens.accessToken}`,
      },
      big,
    );
    expect(reply.status).toBe(413);
    await alive();
  });

  it('a multi-megabyte multipart upload streams through', async () => {
    const data = Buffer.alloc(8 * 1024 * 1024, 7);
    const form = new FormData();
    form.append('file', new Blob([data]), 'big.bin');
    const reply = await t.call('POST', 'data_files/', { body: form });
    expect(reply.status).toBe(201);
    expect(reply.body.size).toBe(data.length);
  });

  it('unknown routes and methods', async () => {
    expect((await t.call('GET', 'nothing/here/')).status).toBe(404);
    expect((await t.call('DELETE', 'projects/1/')).status).toBe(404);
    expect((await t.call('GET', 'tasks/abc/')).status).toBe(404);
    await alive();
  });
});
