import { errorForStatus } from './errors.js';
import type { FetchFunction } from './options.js';

const inFlight = new Map<string, Promise<string>>();

/**
 * Downloads a URL into the cache folder once (Python: md5 of the URL without query + its suffix) and returns
 * the local path. No auth headers are sent: file URLs are usually presigned storage links.
 */
export async function downloadToCache(
  url: string,
  cacheDir: string | undefined,
  fetch: FetchFunction,
): Promise<string> {
  const [{ createHash }, fs, os, nodePath, { Readable }, { pipeline }] = await Promise.all([
    import('node:crypto'),
    import('node:fs'),
    import('node:os'),
    import('node:path'),
    import('node:stream'),
    import('node:stream/promises'),
  ]);
  const dir = cacheDir ?? nodePath.join(os.tmpdir(), 'synapse-sdk', 'media');
  const bare = url.split(/[?#]/)[0] as string;
  const suffix = nodePath.extname(new URL(bare).pathname);
  const target = nodePath.join(dir, createHash('md5').update(bare).digest('hex') + suffix);
  if (fs.existsSync(target)) return target;
  const running = inFlight.get(target);
  if (running) return running;
  const job = (async () => {
    await fs.promises.mkdir(dir, { recursive: true });
    const response = await fetch(url);
    if (!response.ok || !response.body) {
      throw errorForStatus(response.status, `Could not download ${bare}: HTTP ${response.status}`, {
        method: 'GET',
        url: bare,
      });
    }
    const partial = `${target}.${process.pid}.${Date.now()}.part`;
    try {
      await pipeline(Readable.fromWeb(response.body as never), fs.createWriteStream(partial));
      await fs.promises.rename(partial, target);
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      throw error;
    }
    return target;
  })();
  inFlight.set(target, job);
  try {
    return await job;
  } finally {
    inFlight.delete(target);
  }
}
