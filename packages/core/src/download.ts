/** Opens a file URL for download: the body's chunks, each wait bounded; errors are the client's. */
export type FileOpener = (url: string) => Promise<AsyncIterable<Uint8Array>>;

const inFlight = new Map<string, Promise<string>>();

/**
 * Downloads a URL into the cache folder once (Python: md5 of the URL without query + its suffix) and returns
 * the local path. `open` sends the request (with the client's timeouts, retries and errors, and no credentials:
 * file URLs are usually presigned storage links).
 */
export async function downloadToCache(
  url: string,
  cacheDir: string | undefined,
  open: FileOpener,
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
    const chunks = await open(url);
    const partial = `${target}.${process.pid}.${Date.now()}.part`;
    try {
      await pipeline(Readable.from(chunks), fs.createWriteStream(partial));
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
