import { describe, expect, it } from 'vitest';
import { Md5Tracker } from '../src/chunked-upload/md5.js';
import { md5Hex, patternBytes } from './helpers/upload-files.js';

const bytes = patternBytes(32);

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
