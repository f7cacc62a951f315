import { type ClientError, errorForStatus } from './errors.js';
import { isCredentialHeader } from './headers.js';
import type { OriginPolicy } from './origins.js';
import { isLoopback } from './origins.js';
import type { Attempt } from './transport.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** As fetch: more hops than this is a loop. */
export const MAX_REDIRECTS = 20;

/** The request an exchange sends; a redirect turns it into the next one. */
export type Hop = Pick<Attempt, 'method' | 'url' | 'headers' | 'body'>;

/** Whether a reply is a redirect the SDK must decide about (fetch is told not to follow any itself). */
export function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (REDIRECT_STATUSES.has(response.status) && response.headers.has('location'))
  );
}

function refused(response: Response, hop: Hop, why: string, clientName: string): ClientError {
  const status = response.status || 302;
  return errorForStatus(
    status,
    `${clientName} ${hop.method} ${hop.url}: ${status} redirect not followed: ${why}`,
    {
      method: hop.method,
      url: hop.url,
      clientName,
      reason: `Redirect not followed: ${why}`,
    },
  );
}

const withoutCredentials = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !isCredentialHeader(name)));

/** The headers that describe a request body: a redirect that drops the body drops them too. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-range']);

const withoutBodyHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !BODY_HEADERS.has(name.toLowerCase())));

/**
 * The next request of a redirect, as fetch would build it, except for credentials: they go on only to a trusted
 * origin, and a redirect from https to plain http on another host is refused (it would expose the request).
 * Returns the error to throw when the redirect cannot be followed.
 */
export function nextHop(
  response: Response,
  hop: Hop,
  hops: number,
  origins: OriginPolicy,
  clientName: string,
): Hop | ClientError {
  if (response.type === 'opaqueredirect') {
    return refused(
      response,
      hop,
      'this runtime does not say where to; call the final URL directly',
      clientName,
    );
  }
  if (hops >= MAX_REDIRECTS)
    return refused(response, hop, `more than ${MAX_REDIRECTS} redirects`, clientName);
  const from = new URL(hop.url);
  let to: URL;
  try {
    to = new URL(response.headers.get('location') as string, from);
  } catch {
    return refused(response, hop, 'its Location is not a URL', clientName);
  }
  if (to.protocol !== 'http:' && to.protocol !== 'https:') {
    return refused(response, hop, `it leads to a ${to.protocol} URL`, clientName);
  }
  if (from.protocol === 'https:' && to.protocol === 'http:' && !isLoopback(to)) {
    return refused(response, hop, `it leads from https to plain http (${to.host})`, clientName);
  }
  const status = response.status;
  const becomesGet =
    status === 303 ? hop.method !== 'HEAD' : (status === 301 || status === 302) && hop.method === 'POST';
  let headers = becomesGet ? withoutBodyHeaders(hop.headers) : hop.headers;
  if (!origins.trusts(to)) headers = withoutCredentials(headers);
  else if (Object.keys(headers).some(isCredentialHeader)) origins.assertSecure(to, 'redirect');
  return {
    method: becomesGet ? 'GET' : hop.method,
    url: to.href,
    headers,
    body: becomesGet ? undefined : hop.body,
  };
}
