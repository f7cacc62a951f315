import type { Md5Hasher } from './md5.js';

/** MD5 on the calling thread with node:crypto (Node, Bun, Deno). */
export async function nodeMd5(): Promise<Md5Hasher> {
  const { createHash } = await import('node:crypto');
  const hash = createHash('md5');
  return {
    update: (bytes) => {
      hash.update(bytes);
    },
    digest: async () => hash.digest('hex'),
    close() {},
  };
}
