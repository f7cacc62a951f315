import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreClient } from '@synapse/core';
import type { Emulator } from '@synapse/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendOptions, start } from './support/emulator.js';

const SIZE = 3 * 1024 * 1024 + 12_345;
const CHUNK = 64 * 1024;
let emulator: Emulator;
let folder: string;
let file: string;
let expectedMd5: string;

beforeAll(async () => {
  emulator = await start();
  folder = await mkdtemp(join(tmpdir(), 'conformance-upload-'));
  file = join(folder, 'payload.bin');
  const bytes = randomBytes(SIZE);
  expectedMd5 = createHash('md5').update(bytes).digest('hex');
  await writeFile(file, bytes);
});
afterEach(() => emulator.faults.clear());
afterAll(async () => {
  await emulator.stop();
  await rm(folder, { recursive: true, force: true });
});

/** The MD5 of the bytes the emulator stored for a completed upload, read back through a data file's media URL. */
async function storedMd5(uploadId: string | number): Promise<string> {
  const auth = { 'Synapse-Access-Token': `Token ${emulator.tokens.accessToken}` };
  const created = await fetch(`${emulator.backendUrl}/data_files/`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ chunked_upload: uploadId, meta: { filename: 'payload.bin' } }),
  });
  expect(created.status).toBe(201);
  const { file: mediaUrl } = (await created.json()) as { file: string };
  const bytes = Buffer.from(await (await fetch(mediaUrl)).arrayBuffer());
  expect(bytes.length).toBe(SIZE);
  return createHash('md5').update(bytes).digest('hex');
}

describe('chunked upload under faults', () => {
  it('completes with 10% of chunk requests failing and two connections dropped mid-chunk', async () => {
    const client = new CoreClient({ ...backendOptions(emulator), maxRetries: 6 });
    const failing = emulator.faults.add({
      method: 'PUT',
      path: '/chunked_upload/*',
      status: 503,
      rate: 0.1,
      seed: 11,
    });
    const dropped = emulator.faults.add({
      method: 'PUT',
      path: '/chunked_upload/*/',
      drop: 'request',
      times: 2,
    });
    const progress: number[] = [];
    const result = await client.createChunkedUpload(file, {
      chunkSize: CHUNK,
      onProgress: ({ loaded }) => progress.push(loaded),
    });
    const rules = emulator.faults.list();
    expect(rules.find((rule) => rule.id === dropped)).toBeUndefined();
    expect(rules.find((rule) => rule.id === failing)?.hits).toBeGreaterThanOrEqual(3);
    expect(result).toMatchObject({ status: 'complete', md5: expectedMd5 });
    expect(progress.at(-1)).toBe(SIZE);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await storedMd5(result.id)).toBe(expectedMd5);
  });

  it('survives the very first chunk request failing', async () => {
    const client = new CoreClient(backendOptions(emulator));
    emulator.faults.add({ method: 'PUT', path: '/chunked_upload/', status: 503, times: 1 });
    const result = await client.createChunkedUpload(file, { chunkSize: 1024 * 1024 });
    expect(result.md5).toBe(expectedMd5);
    expect(await storedMd5(result.id)).toBe(expectedMd5);
  });

  it('survives the very first chunk connection dropping mid-chunk', async () => {
    const client = new CoreClient(backendOptions(emulator));
    emulator.faults.add({ method: 'PUT', path: '/chunked_upload/', drop: 'request', times: 1 });
    const result = await client.createChunkedUpload(file, { chunkSize: 1024 * 1024 });
    expect(await storedMd5(result.id)).toBe(expectedMd5);
  });
});
