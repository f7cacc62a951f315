import type { Md5Hasher } from '../chunked-upload/md5.js';
import type { FileOpener } from '../download.js';
import type { JournalFiles } from '../journal-file.js';
import type { FetchFunction } from '../options.js';
import type { PathFiles } from '../path-files.js';

/**
 * What differs between runtimes, as `#runtime` (package.json `imports`) gives it: `node.ts` under the `node`
 * condition (Node, Bun, Deno), `platform.ts` elsewhere (browsers, workers, workerd). Both builds have every member;
 * a member a runtime lacks is `undefined`, and the code that needs it says so to the caller.
 */
export interface RuntimeSeam {
  /** A fetch over undici's `request` (Node itself only: see `isNodeRuntime`). */
  nodeFetch: (() => FetchFunction) | undefined;
  /** MD5 on a worker thread (Node itself only). */
  md5Worker: (() => Promise<Md5Hasher>) | undefined;
  /** MD5 on the calling thread. */
  createMd5: () => Promise<Md5Hasher>;
  /** Files named by a path. */
  pathFiles: PathFiles | undefined;
  /** URL conversion's download into a cache folder on disk. */
  downloadToCache:
    | ((url: string, cacheDir: string | undefined, open: FileOpener) => Promise<string>)
    | undefined;
  /** Append-only journal files on disk (`uploadDataCollection`'s `journal`). */
  journalFiles: JournalFiles | undefined;
}
