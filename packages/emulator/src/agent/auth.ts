import type { IncomingHttpHeaders } from 'node:http';
import type { MiddlewareHandler } from 'hono';

type HeaderReader = (name: string) => string | undefined;

export type AuthFailure = 'missing' | 'invalid';

export const AUTH_DETAIL: Record<AuthFailure, string> = {
  missing: 'Authentication credentials were not provided.',
  invalid: 'Invalid token.',
};

/**
 * The agent takes its raw token in `Authorization` (no `Token ` prefix). Log streams also accept
 * `Agent-Token: Token <token>`. Returns null when authorized.
 */
export function checkAgentAuth(
  token: string,
  header: HeaderReader,
  allowAgentTokenHeader: boolean,
): AuthFailure | null {
  const authorization = header('authorization');
  if (authorization === token) return null;
  const agentToken = allowAgentTokenHeader ? header('agent-token') : undefined;
  if (agentToken === `Token ${token}`) return null;
  return authorization === undefined && agentToken === undefined ? 'missing' : 'invalid';
}

/**
 * Header reader over a Node request (for WebSocket handshakes). Node keeps the first of repeated `Authorization`
 * headers and joins other repeats, so only `Set-Cookie` comes as a list: the headers read here are strings.
 */
export function nodeHeaders(headers: IncomingHttpHeaders): HeaderReader {
  return (name) => headers[name] as string | undefined;
}

/** Requires the agent token on every route except the `/__emulator/` test tools. */
export function agentAuth(token: string, isStreamPath: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.startsWith('/__emulator/')) return next();
    const failure = checkAgentAuth(token, (name) => c.req.header(name), isStreamPath(c.req.path));
    if (failure) return c.json({ detail: AUTH_DETAIL[failure] }, 401);
    return next();
  };
}
