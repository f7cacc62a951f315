import { describe, expect, it } from 'vitest';
import { Md5Tracker, WORKER_MD5_FROM } from '../src/chunked-upload/md5.js';
import { WorkerMd5 } from '../src/chunked-upload/md5-worker.js';
import { md5Hex, patternBytes } from './helpers/upload-files.js';

const bytes = patternBytes(32);

describe('Md5Tracker', () => {
  it('hashes every byte once, in order, however often pieces are fed again', async () => {
    const md5 = await Md5Tracker.create(bytes.byteLength);
    await md5.feed(0, bytes.subarray(0, 8));
    // A chunk sent a second time: all of it, part of it, or running past what was hashed.
    await md5.feed(0, bytes.subarray(0, 4));
    await md5.feed(0, bytes.subarray(0, 8));
    await md5.feed(4, bytes.subarray(4, 16));
    expect(md5.position).toBe(16);
    await md5.feed(16, new Uint8Array(0));
    await md5.feed(16, bytes.subarray(16));
    expect(md5.position).toBe(32);
    expect(await md5.digest()).toBe(md5Hex(bytes));
  });

  it('refuses a piece past the bytes hashed so far', async () => {
    const md5 = await Md5Tracker.create(bytes.byteLength);
    await md5.feed(0, bytes.subarray(0, 4));
    await expect(md5.feed(6, bytes.subarray(6, 8))).rejects.toThrow(
      new Error('MD5 gap: bytes 4-5 were never read'),
    );
    expect(md5.position).toBe(4);
    await md5.feed(4, bytes.subarray(4));
    expect(await md5.digest()).toBe(md5Hex(bytes));
  });

  it('hashes a file of WORKER_MD5_FROM bytes or more on a worker thread in Node, smaller ones on the caller', async () => {
    expect(WORKER_MD5_FROM).toBe(64 * 1024 * 1024);
    const large = await Md5Tracker.create(WORKER_MD5_FROM);
    const small = await Md5Tracker.create(WORKER_MD5_FROM - 1);
    // Bun and Deno report a Node version too; their worker threads are not Node's.
    const bun = await Md5Tracker.create(WORKER_MD5_FROM, {
      process: { versions: { node: '22.0.0', bun: '1.2.0' } },
    });
    try {
      expect(large.hasher).toBeInstanceOf(WorkerMd5);
      expect(small.hasher).not.toBeInstanceOf(WorkerMd5);
      expect(bun.hasher).not.toBeInstanceOf(WorkerMd5);
      await large.feed(0, bytes);
      await small.feed(0, bytes);
      expect(await large.digest()).toBe(md5Hex(bytes));
      expect(await small.digest()).toBe(md5Hex(bytes));
    } finally {
      for (const md5 of [large, small, bun]) md5.close();
    }
  });
});
