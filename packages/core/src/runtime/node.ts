// The Node build of the runtime seam (`#runtime` in package.json `imports`): what only Node has.
export { createUndiciFetch as nodeFetch } from '../undici-fetch.js';
