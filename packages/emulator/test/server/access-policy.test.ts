import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessPolicy, hostnameOf, isOriginOption } from '../../src/shared/access-policy.js';
import { type Setup, setup } from '../helpers.js';

describe('accessPolicy: Host', () => {
  it('serves every 127.x.x.x address and no look-alike', () => {
    const policy = accessPolicy();
    for (const host of ['127.0.0.1', '127.255.255.255', '127.100.20.3:80', 'LOCALHOST:1']) {
      expect([host, policy.refusal(host, undefined)]).toEqual([host, undefined]);
    }
    for (const host of [
      '127.0.0.0001',
      '127.1.2',
      '127.0.0.1.nip.io',
      'a127.0.0.1',
      '127.0.0.256',
      '128.0.0.1',
    ]) {
      expect([host, policy.refusal(host, undefined)]).toEqual([host, `Host not allowed: ${host}`]);
    }
  });

  it('refuses a request without Host', () => {
    const policy = accessPolicy();
    expect(policy.refusal(undefined, undefined)).toBe('Host not allowed: ');
    expect(policy.refusal('', undefined)).toBe('Host not allowed: ');
  });

  it('takes allowed hosts in any case, with blanks or a port, and bare IPv6 addresses', () => {
    const custom = accessPolicy({ allowedHosts: [' Emulator.Internal ', 'box:8080', 'fe80::1'] });
    for (const host of [
      'emulator.internal',
      'EMULATOR.internal:9',
      'box',
      'box:1',
      '[fe80::1]:8000',
      '[FE80::1]',
    ]) {
      expect([host, custom.refusal(host, undefined)]).toEqual([host, undefined]);
    }
    expect(custom.refusal('[fe80::2]', undefined)).toBe('Host not allowed: [fe80::2]');
  });

  it('names hosts without port, in lower case, IPv6 in brackets', () => {
    expect(hostnameOf(' Example.COM:80 ')).toBe('example.com');
    expect(hostnameOf('[::1]:8080')).toBe('[::1]');
    expect(hostnameOf('::1')).toBe('[::1]');
    expect(hostnameOf('example.com')).toBe('example.com');
  });
});

describe('accessPolicy: Origin', () => {
  it('serves loopback web origins only, and no other scheme', () => {
    const policy = accessPolicy();
    for (const origin of ['http://localhost:5173', 'https://127.0.0.1', 'http://[::1]:3000']) {
      expect([origin, policy.refusal('localhost', origin)]).toEqual([origin, undefined]);
    }
    for (const origin of [
      'ftp://localhost',
      'file://localhost',
      'null',
      'not an origin',
      '',
      'https://evil.example',
    ]) {
      expect([origin, policy.refusal('localhost', origin)]).toEqual([origin, 'Origin not allowed']);
    }
  });

  it('takes allowed origins in any spelling of the same origin, and null for opaque ones', () => {
    const policy = accessPolicy({ allowedOrigins: ['https://App.Example.com:443/some/path', 'null'] });
    for (const origin of ['https://app.example.com', 'https://app.example.com:443', 'null']) {
      expect([origin, policy.refusal('localhost', origin)]).toEqual([origin, undefined]);
    }
    for (const origin of ['http://app.example.com', 'https://app.example.com:8443']) {
      expect([origin, policy.refusal('localhost', origin)]).toEqual([origin, 'Origin not allowed']);
    }
  });

  it('an allowed origin must be an http(s) origin or null', () => {
    for (const entry of ['https://a.example', 'http://localhost:1', 'null'])
      expect(isOriginOption(entry)).toBe(true);
    for (const entry of ['a.example', 'ftp://a.example', 'NULL', '']) {
      expect([entry, isOriginOption(entry)]).toEqual([entry, false]);
      expect(() => accessPolicy({ allowedOrigins: [entry] })).toThrow(
        `Invalid allowed origin: ${entry} (expected e.g. https://app.example.com)`,
      );
    }
  });
});

describe('access middleware over HTTP', () => {
  let t: Setup;
  beforeAll(async () => {
    t = await setup();
  });
  afterAll(() => t.emulator.stop());

  it('a request without Origin gets no CORS headers, and OPTIONS is no preflight', async () => {
    const plain = await t.call('GET', 'projects/1/');
    expect(plain.status).toBe(200);
    const cors = [...plain.headers.keys()].filter((name) => name.startsWith('access-control-'));
    expect(cors).toEqual([]);
    expect(plain.headers.get('vary')).toBeNull();
    const options = await t.call('OPTIONS', 'chunked_upload/', {
      headers: { 'access-control-request-method': 'PUT' },
    });
    expect(options.status).toBe(404);
    expect(options.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('exposes the headers a browser client reads', async () => {
    const reply = await t.call('GET', 'projects/1/', { headers: { origin: 'http://localhost:5173' } });
    expect(reply.headers.get('access-control-expose-headers')).toBe(
      'Retry-After,Content-Range,Content-Disposition,X-Emulator-Fault',
    );
  });

  it('refuses an HTTP/1.0 request without Host', async () => {
    const url = new URL(t.emulator.backendUrl);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.write('GET /__emulator/health HTTP/1.0\r\n\r\n');
    await once(socket, 'end');
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
    expect(text).toContain(JSON.stringify({ detail: 'Host not allowed: ' }));
  });
});
