import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes that differ along the file, so a chunk sent at the wrong offset changes the MD5. */
export function patternBytes(size: number, seed = 7): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed + (i >> 8)) & 0xff;
  return bytes;
}

export const md5Hex = (bytes: Uint8Array | string) => createHash('md5').update(bytes).digest('hex');

/** Writes files into a fresh temporary folder; `cleanup` removes it. */
export async function tempFiles() {
  const dir = await mkdtemp(join(tmpdir(), 'synapse-chunked-'));
  return {
    dir,
    async write(name: string, bytes: Uint8Array | string): Promise<string> {
      const path = join(dir, name);
      await writeFile(path, bytes);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
