import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, detailError } from '../shared/errors.js';
import type { EmulatorTokens } from '../shared/service.js';

export interface Principal {
  /** The token value; uploads and other per-user objects belong to it. */
  token: string;
  readOnly: boolean;
}

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function tokenOf(header: string | undefined): string | undefined {
  // Node has already trimmed the value: no blanks around it to allow for.
  // Stryker disable next-line StringLiteral: any text that is no Token header fails the match, as '' does
  const match = /^Token\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Backend authentication: `Synapse-Access-Token: Token <v>` or `Authorization: Token <v>` with the access or the
 * read-only token, or `SYNAPSE-Agent: Token <agent token>`. The read-only token gets 403 on writes.
 */
export function authMiddleware(
  tokens: EmulatorTokens,
  isPublic: (path: string) => boolean,
): MiddlewareHandler {
  return async (c, next) => {
    if (isPublic(c.req.path)) return next();
    const principal = authenticate(c, tokens);
    if (principal.readOnly && !READ_METHODS.has(c.req.method)) {
      throw detailError(403, 'You do not have permission to perform this action.');
    }
    c.set('principal', principal);
    return next();
  };
}

function authenticate(c: Context, tokens: EmulatorTokens): Principal {
  const candidates = [
    tokenOf(c.req.header('synapse-access-token')),
    tokenOf(c.req.header('authorization')),
    tokenOf(c.req.header('synapse-agent')),
  ].filter((value): value is string => value !== undefined);
  if (candidates.length === 0) throw unauthorized('Authentication credentials were not provided.');
  for (const token of candidates) {
    if (token === tokens.accessToken || token === tokens.agentToken) return { token, readOnly: false };
    if (token === tokens.readOnlyToken) return { token, readOnly: true };
  }
  throw unauthorized('Invalid token.');
}

const unauthorized = (detail: string): ApiError =>
  new ApiError(401, { detail }, { 'WWW-Authenticate': 'Token' });
