// The Node build of the runtime seam (`#runtime` in package.json `imports`): what only Node has.
export { startMd5Worker as md5Worker } from '../chunked-upload/md5-worker.js';
export { createUndiciFetch as nodeFetch } from '../undici-fetch.js';
