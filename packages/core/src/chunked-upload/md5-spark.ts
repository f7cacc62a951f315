import type { Md5Hasher } from './md5.js';

/**
 * MD5 where node:crypto is absent (browsers, workers), incrementally with spark-md5: about a third of node:crypto's
 * speed, far above any uplink, and plain JavaScript, so it runs where WebAssembly may not be compiled (workerd).
 * Loaded on first use: an app that never uploads in chunks does not carry it.
 */
export async function sparkMd5(): Promise<Md5Hasher> {
  const { default: SparkMD5 } = await import('spark-md5');
  const hash = new SparkMD5.ArrayBuffer();
  return {
    update: (bytes) => {
      // spark-md5 copies what it is given through a Uint8Array view, so a view of a larger buffer is read right.
      hash.append(bytes as unknown as ArrayBuffer);
    },
    digest: async () => hash.end(),
    close() {},
  };
}
