// Every other runtime's build of the runtime seam (`#runtime` in package.json `imports`): a browser, a worker,
// Deno or Bun bundle reaches none of Node's transport.
import type { Md5Hasher } from '../chunked-upload/md5.js';
import type { FetchFunction } from '../options.js';

export const nodeFetch: (() => FetchFunction) | undefined = undefined;
export const md5Worker: (() => Promise<Md5Hasher>) | undefined = undefined;
