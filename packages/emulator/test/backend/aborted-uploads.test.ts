import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesBelow, multipartBody, type Setup, setup, startPartialRequest, until } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup();
});
afterAll(() => t.emulator.stop());

const data = Buffer.alloc(256 * 1024, 0x5a);
const md5 = createHash('md5').update(data).digest('hex');

/** Starts a multipart upload, waits until its bytes reach a new file in `writesInto`, then drops the client. */
async function abortMidUpload(path: string, fields: Record<string, string>, writesInto: string) {
  const folder = join(t.emulator.dataDir, 'backend', writesInto);
  const before = await readdir(folder).catch((): string[] => []);
  const { body, contentType } = multipartBody(fields, { field: 'file', filename: 'big.bin', data });
  const request = await startPartialRequest(`${t.emulator.backendUrl}/${path}`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'synapse-access-token': `Token ${t.emulator.tokens.accessToken}`,
    },
    body,
    sentBytes: body.length / 2,
  });
  await until(async () => {
    const now = await readdir(folder).catch((): string[] => []);
    return now.some((name) => !before.includes(name)) ? true : undefined;
  }, 5_000);
  request.abort();
}

describe('an upload whose client goes away mid-body leaves no files behind', () => {
  const cases: { path: string; fields: Record<string, string>; writesInto: string; status: number }[] = [
    { path: 'chunked_upload/', fields: { filename: 'big.bin', md5 }, writesInto: 'uploads', status: 200 },
    { path: 'data_files/', fields: {}, writesInto: 'media/.tmp', status: 201 },
    {
      path: 'plugin_releases/',
      fields: { plugin: '1', version: '9.9.9' },
      writesInto: 'media/.tmp',
      status: 201,
    },
  ];
  for (const { path, fields, writesInto, status } of cases) {
    it(`POST ${path}`, async () => {
      const files = await filesBelow(t.emulator.dataDir);
      const counts = t.emulator.stats().resources;
      await abortMidUpload(path, fields, writesInto);
      await until(async () => {
        const now = await filesBelow(t.emulator.dataDir);
        return now.join('\n') === files.join('\n') ? true : undefined;
      }, 1_000);
      expect(await filesBelow(t.emulator.dataDir)).toEqual(files);
      expect(t.emulator.stats().resources).toEqual(counts);
      // The emulator still takes the same upload from a client that stays.
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([new Uint8Array(data)]), 'big.bin');
      const reply = await t.call('POST', path, { body: form });
      expect(reply.status).toBe(status);
    });
  }
});
