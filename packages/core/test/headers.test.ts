import { describe, expect, it } from 'vitest';
import { assertHeaders, assertHeaderValue, credentialSecrets, isCredentialHeader } from '../src/headers.js';
import { refusal } from './helpers/refusal.js';

describe('credential headers', () => {
  it.each([
    'Authorization',
    'proxy-authorization',
    'Cookie',
    'Set-Cookie',
    'Synapse-Tenant',
    'SYNAPSE-Agent',
    'synapse-user',
    'Synapse-Access-Token',
    'Agent-Token',
    'X-Auth-Token',
    'X-Secret',
    'X-Api-Key',
    'api_key',
    'X-ApiKey',
    'X-Password',
    'X-Credential-Id',
  ])('%s is a credential', (name) => {
    expect(isCredentialHeader(name)).toBe(true);
  });

  it.each(['Content-Type', 'X-Trace', 'Accept', 'X-Api-Version', 'Synapse-Version', 'Content-Range'])(
    '%s is not',
    (name) => {
      expect(isCredentialHeader(name)).toBe(false);
    },
  );

  it('the secrets of a set of headers: each credential value and the token after its scheme', () => {
    expect(
      credentialSecrets({
        Authorization: 'Bearer tok-1111',
        'X-Api-Token': 'raw-2222',
        Cookie: 'sid=3333',
        'Proxy-Authorization': 'Basic  dXNlcjpwdw==',
        'X-Trace': 'Bearer not-a-secret',
        'X-Empty-Token': '',
        'X-Odd-Token': '9x odd-4444',
      }),
    ).toEqual([
      'Bearer tok-1111',
      'tok-1111',
      'raw-2222',
      'sid=3333',
      'Basic  dXNlcjpwdw==',
      'dXNlcjpwdw==',
      '9x odd-4444',
    ]);
  });
});

describe('header values', () => {
  it.each([
    ['a\rb', 'CR, LF or NUL'],
    ['a\nb', 'CR, LF or NUL'],
    ['a\u0000b', 'CR, LF or NUL'],
    ['a\u0007b', 'position 1'],
    ['tok€n', 'position 3'],
    ['名前', 'position 0'],
  ])('%j is refused, naming the argument', (value, message) => {
    const error = refusal(() => assertHeaderValue(value, 'apiToken'));
    expect(error.argument).toBe('apiToken');
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/^apiToken /);
    expect(error.message).not.toContain(value);
  });

  it('accepts printable Latin-1 and tabs, up to ÿ', () => {
    for (const value of ['Token abc', 'a\tb', 'ÿ café', '', ' ~'])
      expect(() => assertHeaderValue(value, 'h')).not.toThrow();
  });

  it('a value that is not a string says what it is', () => {
    expect(refusal(() => assertHeaderValue(5, 'tenant')).message).toBe('tenant must be a string, got number');
    expect(refusal(() => assertHeaderValue(null, 'tenant')).message).toBe(
      'tenant must be a string, got null',
    );
  });

  it.each([
    [null, 'headers', 'headers must be an object of strings'],
    [['X-A', 'b'], 'headers', 'headers must be an object of strings'],
    ['X-A: b', 'headers', 'headers must be an object of strings'],
    [{ 'X A': 'b' }, 'headers.X A', 'headers has an invalid header name "X A"'],
    [{ 'X-Ü': 'b' }, 'headers.X-Ü', 'headers has an invalid header name "X-Ü"'],
    [{ 'X-A': 1 }, 'headers.X-A', 'headers.X-A must be a string, got number'],
  ])('headers %j are refused', (headers, argument, message) => {
    const error = refusal(() => assertHeaders(headers, 'headers'));
    expect(error.argument).toBe(argument);
    expect(error.message).toBe(message);
  });

  it('accepts every token character in a name', () => {
    expect(() => assertHeaders({ "!#$%&'*+.^_`|~09azAZ-": 'v' }, 'headers')).not.toThrow();
  });
});
