import { describe, expect, it } from 'vitest';
import { sparkMd5 } from '../src/chunked-upload/md5-spark.js';
import { md5Hex, patternBytes } from './helpers/upload-files.js';

describe('MD5 without node:crypto (spark-md5)', () => {
  it('hashes views of larger buffers piece by piece, as node:crypto does', async () => {
    const bytes = patternBytes(3 * 65536 + 17);
    const hasher = await sparkMd5();
    // Views that start and end inside their buffer, of sizes across spark-md5's 64-byte blocks.
    for (const [start, end] of [
      [0, 0],
      [0, 5],
      [5, 70000],
      [70000, 70063],
      [70063, bytes.byteLength],
    ]) {
      await hasher.update(bytes.subarray(start, end));
    }
    expect(await hasher.digest()).toBe(md5Hex(bytes));
    hasher.close();
  });
});
