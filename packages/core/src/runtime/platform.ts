// The build of the runtime seam (see seam.ts) for every runtime without Node's modules: a browser, a worker or a
// workerd bundle links none of them. What needs a file system says so where it is asked for.
import { sparkMd5 } from '../chunked-upload/md5-spark.js';
import type { RuntimeSeam } from './seam.js';

export const nodeFetch: RuntimeSeam['nodeFetch'] = undefined;
export const md5Worker: RuntimeSeam['md5Worker'] = undefined;
export const createMd5: RuntimeSeam['createMd5'] = sparkMd5;
export const pathFiles: RuntimeSeam['pathFiles'] = undefined;
export const downloadToCache: RuntimeSeam['downloadToCache'] = undefined;
export const journalFiles: RuntimeSeam['journalFiles'] = undefined;
