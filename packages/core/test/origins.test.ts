import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, ProtocolError } from '../src/internal.js';
import { OriginPolicy } from '../src/origins.js';
import { refusal } from './helpers/refusal.js';

describe('loopback', () => {
  it.each([
    ['http://localhost:8000', true],
    ['http://LOCALHOST', true],
    ['http://127.0.0.1', true],
    ['http://127.10.200.3:9', true],
    ['http://[::1]:8080', true],
    ['http://localhost.attacker.example', false],
    ['http://my-localhost', false],
    ['http://127.0.0.1.nip.io', false],
    ['http://128.0.0.1', false],
    ['http://10.0.0.1', false],
    ['http://[::2]', false],
    ['not a url', false],
  ])('%s → %s', (url, loopback) => {
    expect(isLoopbackUrl(url)).toBe(loopback);
  });
});

describe('OriginPolicy', () => {
  const policy = new OriginPolicy('https://api.example/v1', ['https://uploads.example:8443'], false);

  it('trusts its own origin and the listed ones, by scheme, host and port', () => {
    expect(policy.origin).toBe('https://api.example');
    expect(policy.trustedOrigins).toEqual(['https://api.example', 'https://uploads.example:8443']);
    expect(policy.trusts(new URL('https://api.example/other'))).toBe(true);
    expect(policy.trusts(new URL('https://uploads.example:8443/x'))).toBe(true);
    expect(policy.trusts(new URL('http://api.example/v1'))).toBe(false);
    expect(policy.trusts(new URL('https://api.example:444/v1'))).toBe(false);
    expect(policy.trusts(new URL('https://uploads.example/x'))).toBe(false);
  });

  it("follows a server's URL on its own origin unless it is trusted; relative ones resolve below the base", () => {
    expect(policy.follow('http://internal:8000/v1/tasks/?page=2#frag')).toBe(
      'https://api.example/v1/tasks/?page=2',
    );
    expect(policy.follow('https://uploads.example:8443/u/1/?x=1#f')).toBe(
      'https://uploads.example:8443/u/1/?x=1',
    );
    expect(policy.follow('tasks/?page=3')).toBe('https://api.example/v1/tasks/?page=3');
    expect(policy.follow('/root/')).toBe('https://api.example/root/');
    const bare = new OriginPolicy('https://api.example', [], false);
    expect(bare.follow('tasks/')).toBe('https://api.example/tasks/');
  });

  it("a server's URL that is not one is an invalid reply", () => {
    let error: unknown;
    try {
      policy.follow('http://[::bad/x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({
      status: 500,
      reason: 'Invalid reply',
      message: 'The server handed back a URL that is not one: "http://[::bad/x"',
    });
  });

  it.each([
    ['https://uploads.example/', 'https://uploads.example'],
    ['http://localhost:5173', 'http://localhost:5173'],
  ])('accepts the origin %s', (given, origin) => {
    expect(new OriginPolicy('https://api.example', [given], false).trustedOrigins).toContain(origin);
  });

  it.each([
    [' https://uploads.example'],
    ['https://uploads.example '],
    ['uploads.example'],
    ['https://uploads.example/path'],
    ['https://uploads.example/?q=1'],
    ['https://uploads.example/#f'],
    ['https://user@uploads.example'],
    ['https://:pw@uploads.example'],
    ['ftp://uploads.example'],
    ['xhttps://uploads.example'],
    ['git+https://uploads.example'],
    ['ws://uploads.example'],
    [42],
  ])('refuses %j as an origin', (given: unknown) => {
    const error = refusal(
      () => new OriginPolicy('https://api.example', ['https://ok.example', given], false),
    );
    expect(error.argument).toBe('trustedOrigins[1]');
    expect(error.message).toBe('trustedOrigins[1] must be an origin such as https://uploads.example.com');
  });

  it('trustedOrigins must be a list', () => {
    const error = refusal(() => new OriginPolicy('https://api.example', 'https://x.example', false));
    expect(error).toMatchObject({
      argument: 'trustedOrigins',
      message: 'trustedOrigins must be a list of origins',
    });
  });

  it('the plain-http guard: clear text only to loopback, unless allowed', () => {
    expect(() => policy.assertSecure(new URL('https://remote.example'), 'baseUrl')).not.toThrow();
    expect(() => policy.assertSecure(new URL('http://localhost:1'), 'baseUrl')).not.toThrow();
    const error = refusal(() => policy.assertSecure(new URL('http://remote.example:81/x'), 'baseUrl'));
    expect(error).toMatchObject({
      argument: 'baseUrl',
      message:
        'Refusing to send a token over plain http:// to remote.example:81 (baseUrl); use https://, ' +
        'or set allowInsecureHttp: true if you accept the risk',
    });
    const allowing = new OriginPolicy('http://remote.example', [], true);
    expect(() => allowing.assertSecure(new URL('http://remote.example'), 'baseUrl')).not.toThrow();
  });

  it('credentials go only to a trusted origin over a secure link', () => {
    expect(() =>
      policy.assertMayCarryCredentials(new URL('https://uploads.example:8443/a'), 'url'),
    ).not.toThrow();
    const error = refusal(() => policy.assertMayCarryCredentials(new URL('https://evil.example/a'), 'url'));
    expect(error).toMatchObject({
      argument: 'url',
      message:
        'Refusing to send credentials to https://evil.example (url): it is not https://api.example; ' +
        'list it in trustedOrigins if it should receive them',
    });
    const plain = new OriginPolicy('https://api.example', ['http://uploads.example'], false);
    expect(() => plain.assertMayCarryCredentials(new URL('http://uploads.example/a'), 'url')).toThrow(
      'Refusing to send a token over plain http:// to uploads.example (url)',
    );
  });
});
