import { describeValue } from './describe.js';
import { ValidationError } from './errors.js';

const CREDENTIAL_NAMES = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'synapse-tenant',
  'synapse-agent',
  'synapse-user',
]);
const CREDENTIAL_PATTERN = /token|secret|api[-_]?key|password|credential/i;

/** Whether a header carries a credential: its value is a secret, and it goes only to trusted origins. */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_NAMES.has(name.toLowerCase()) || CREDENTIAL_PATTERN.test(name);
}

/**
 * The secrets in a set of headers: each credential header's value, and the token after its scheme
 * (`Bearer X`, `Token X` → `X`), which a server may echo on its own.
 */
export function credentialSecrets(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!isCredentialHeader(name) || value === '') continue;
    secrets.push(value);
    const scheme = /^[A-Za-z][\w.+-]*\s+(\S.*)/.exec(value);
    if (scheme?.[1]) secrets.push(scheme[1]);
  }
  return secrets;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Checks a header value before anything is sent: CR, LF or NUL would split or cut the request, and a character
 * outside Latin-1 cannot be sent at all (fetch throws a TypeError at send time); other control characters are
 * not allowed in a header either (RFC 9110 §5.5).
 */
export function assertHeaderValue(value: unknown, argument: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new ValidationError(`${argument} must be a string, got ${describeValue(value)}`, { argument });
  }
  if (/[\r\n\0]/.test(value)) {
    throw new ValidationError(`${argument} must not contain CR, LF or NUL characters`, { argument });
  }
  const unsendable = /[^\t\u0020-\u00ff]/.exec(value);
  if (unsendable) {
    throw new ValidationError(
      `${argument} has a character that cannot be sent in an HTTP header (position ${unsendable.index}); ` +
        'only printable Latin-1 can',
      { argument },
    );
  }
}

/** Checks a headers option: an object of valid header names and sendable string values. */
export function assertHeaders(headers: unknown, argument: string): asserts headers is Record<string, string> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ValidationError(`${argument} must be an object of strings`, { argument });
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) {
      throw new ValidationError(`${argument} has an invalid header name ${JSON.stringify(name)}`, {
        argument: `${argument}.${name}`,
      });
    }
    assertHeaderValue(value, `${argument}.${name}`);
  }
}
