// The Node build of the runtime seam (see seam.ts). Bun and Deno resolve it too (they match the `node` condition);
// what only Node itself should use also checks `isNodeRuntime`.

import { nodeMd5 } from '../chunked-upload/md5-node.js';
import { startMd5Worker } from '../chunked-upload/md5-worker.js';
import { downloadToCache as download } from '../download.js';
import { journalFiles as journal } from '../journal-file.js';
import { pathFiles as files } from '../path-files.js';
import { createUndiciFetch } from '../undici-fetch.js';
import type { RuntimeSeam } from './seam.js';

export const nodeFetch: RuntimeSeam['nodeFetch'] = createUndiciFetch;
export const md5Worker: RuntimeSeam['md5Worker'] = startMd5Worker;
export const createMd5: RuntimeSeam['createMd5'] = nodeMd5;
export const pathFiles: RuntimeSeam['pathFiles'] = files;
export const downloadToCache: RuntimeSeam['downloadToCache'] = download;
export const journalFiles: RuntimeSeam['journalFiles'] = journal;
