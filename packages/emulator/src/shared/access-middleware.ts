import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AccessPolicy } from './access-policy.js';
import { bindings } from './bindings.js';

/** Headers a browser client may read from replies (rate limits, upload ranges, downloads, injected faults). */
const EXPOSED_HEADERS = ['Retry-After', 'Content-Range', 'Content-Disposition', 'X-Emulator-Fault'];

/**
 * Refuses a request with a foreign `Host` or a disallowed `Origin` before anything else runs (403
 * `{"detail"}`), and answers CORS for allowed origins: preflights get 204 with the requested headers echoed.
 * Requests without `Origin` (Node, curl) are not CORS and pass untouched.
 */
export function accessMiddleware(policy: AccessPolicy): MiddlewareHandler {
  const corsHeaders = cors({
    // Only allowed origins get past the refusal below.
    origin: (origin) => origin,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    const refused = policy.refusal(bindings(c).incoming.headers.host, origin);
    // 403 as Vite and webpack-dev-server answer a foreign Host; 421 Misdirected Request would invite the client
    // to retry on another connection (RFC 9110, 15.5.20), which is no refusal at all.
    if (refused) return c.json({ detail: refused }, 403);
    if (origin === undefined) return next();
    return corsHeaders(c, next);
  };
}
