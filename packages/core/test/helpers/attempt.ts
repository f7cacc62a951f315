import type { Attempt } from '../../src/transport.js';
import { BASE } from './test-client.js';

/** One transport attempt: a GET of `${BASE}/x/` with connect 1 s and read 2 s, unless `extra` says otherwise. */
export const attempt = (extra: Partial<Attempt> = {}): Attempt => ({
  method: 'GET',
  url: `${BASE}/x/`,
  headers: {},
  timeout: { connect: 1, read: 2 },
  ...extra,
});
