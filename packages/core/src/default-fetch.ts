import { nodeFetch } from '#runtime';
import { readEnv } from './env.js';
import { ValidationError } from './errors.js';
import type { FetchFunction } from './options.js';
import { isNodeRuntime, type Runtime } from './runtime/detect.js';

const TRANSPORTS = ['undici', 'fetch'] as const;

/**
 * The `fetch` a client uses when given none. On Node: one over undici's `request`, unless `SYNAPSE_TRANSPORT=fetch`
 * picks Node's global fetch (for tools that only see fetch, such as nock or msw). Elsewhere: the platform's fetch,
 * looked up per call, so a fetch patched after construction (by a test library, say) is used.
 */
export function defaultFetch(runtime: Runtime = globalThis): FetchFunction {
  const chosen = readEnv('SYNAPSE_TRANSPORT');
  if (chosen !== undefined && !(TRANSPORTS as readonly string[]).includes(chosen)) {
    throw new ValidationError(`SYNAPSE_TRANSPORT must be one of ${TRANSPORTS.join(', ')}`, {
      argument: 'SYNAPSE_TRANSPORT',
    });
  }
  if (nodeFetch !== undefined && isNodeRuntime(runtime) && chosen !== 'fetch') return nodeFetch();
  return (input, init) => globalThis.fetch(input, init);
}
