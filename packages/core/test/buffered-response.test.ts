import { describe, expect, it } from 'vitest';
import { BufferedResponse } from '../src/buffered-response.js';

const bytes = (text: string) => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
const reply = (text = '{"id":7}', headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new BufferedResponse(bytes(text), { status: 201, statusText: 'Created', headers });

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('BufferedResponse: a Response over bytes that arrived with the headers', () => {
  it("is a Response with the server's status and headers", () => {
    const response = reply();
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.statusText, response.ok]).toEqual([201, 'Created', true]);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.bodyUsed).toBe(false);
  });

  it('keeps every header value it was given, in one Headers built on first ask', () => {
    const response = new BufferedResponse(bytes(''), {
      status: 200,
      headers: [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['x-id', 'r1'],
      ],
    });
    expect(response.headers).toBe(response.headers);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('x-id')).toBe('r1');
  });

  it('reads as text, JSON, bytes, an ArrayBuffer and a Blob', async () => {
    expect(await reply().text()).toBe('{"id":7}');
    expect(await reply().json()).toEqual({ id: 7 });
    expect([...(await reply('ab').bytes())]).toEqual([97, 98]);
    expect([...new Uint8Array(await reply('ab').arrayBuffer())]).toEqual([97, 98]);
    const blob = await reply('ab').blob();
    expect([blob.type, await blob.text()]).toEqual(['application/json', 'ab']);
  });

  it('reads a form as the platform does', async () => {
    const form = await reply('a=1&b=two', { 'content-type': 'application/x-www-form-urlencoded' }).formData();
    expect([...form.entries()]).toEqual([
      ['a', '1'],
      ['b', 'two'],
    ]);
  });

  it('hands out copies: changing what one read returned changes nothing else', async () => {
    const source = bytes('ab');
    const response = new BufferedResponse(source, { status: 200 });
    const read = await response.bytes();
    read[0] = 0;
    expect([...source]).toEqual([97, 98]);
  });

  it('is read once: a second read of any kind fails, as on any Response', async () => {
    const response = reply();
    await response.text();
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
    await expect(response.json()).rejects.toBeInstanceOf(TypeError);
    await expect(response.arrayBuffer()).rejects.toBeInstanceOf(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it('gives its bytes as a stream to a caller that asks for the body, and is then used', async () => {
    const response = reply('streamed');
    expect(response.body).toBe(response.body);
    expect(await readAll(response.body)).toBe('streamed');
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
  });

  it('its body is a byte stream, as the platform gives: a BYOB reader reads it', async () => {
    const reader = reply('bytes').body.getReader({ mode: 'byob' });
    const { value } = await reader.read(new Uint8Array(16));
    expect(new TextDecoder().decode(value)).toBe('bytes');
    expect((await reader.read(new Uint8Array(16))).done).toBe(true);
  });

  it('a body read in part and let go is still used, as on a standard Response', async () => {
    for (const response of [reply('partly'), new Response('partly')]) {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      reader.releaseLock();
      expect(response.bodyUsed).toBe(true);
      await expect(response.text()).rejects.toBeInstanceOf(TypeError);
    }
  });

  it('an empty body is a stream that ends at once', async () => {
    expect(await readAll(reply('').body)).toBe('');
  });

  it('a body handed out but not read is spent by a read of the text, as on a standard Response', async () => {
    for (const response of [reply('once'), new Response('once')]) {
      const { body } = response;
      expect(await response.text()).toBe('once');
      await expect(readAll(body as ReadableStream<Uint8Array>)).rejects.toThrow(/disturbed or locked/);
    }
  });

  it('clones with its status, headers and bytes; each copy is read on its own', async () => {
    const response = reply();
    const copy = response.clone();
    expect(copy).toBeInstanceOf(BufferedResponse);
    expect([copy.status, copy.statusText, copy.headers.get('content-type')]).toEqual([
      201,
      'Created',
      'application/json',
    ]);
    expect(await copy.text()).toBe('{"id":7}');
    expect(await response.text()).toBe('{"id":7}');
  });
});
