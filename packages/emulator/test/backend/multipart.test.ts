import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesBelow, type Loose, type Setup, setup, until } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup({ maxUploadBytes: 64 });
});
afterAll(() => t.emulator.stop());

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

interface RawPart {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer | string;
}

/** A multipart body built by hand: parts without a filename, raw UTF-8 names, any boundary casing. */
function rawForm(parts: RawPart[], boundary = 'raw-boundary-4711'): Buffer {
  const pieces = parts.flatMap(({ name, filename, type, data }) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"` +
        (filename === undefined ? '' : `; filename="${filename}"`) +
        (type === undefined ? '' : `\r\nContent-Type: ${type}`) +
        '\r\n\r\n',
    ),
    Buffer.from(data),
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...pieces, Buffer.from(`--${boundary}--\r\n`)]);
}

const CONTENT_TYPE = 'multipart/form-data; boundary=raw-boundary-4711';

const send = (path: string, body: Buffer, contentType: string, headers: Record<string, string> = {}) =>
  t.call('PUT', path, { body: new Uint8Array(body), headers: { 'content-type': contentType, ...headers } });

const range = (data: Buffer) => ({ 'content-range': `bytes 0-${data.length - 1}/${data.length}` });

describe('multipart bodies', () => {
  it('reads a Content-Type in any case', async () => {
    const data = Buffer.from('case');
    const body = rawForm([{ name: 'file', filename: 'a.bin', data }]);
    const reply = await send(
      'chunked_upload/',
      body,
      'Multipart/Form-Data; boundary=raw-boundary-4711',
      range(data),
    );
    expect(reply).toMatchObject({ status: 200, body: { offset: data.length, filename: 'a.bin' } });
  });

  it('reads part filenames as UTF-8', async () => {
    const data = Buffer.from('utf8');
    const body = rawForm([{ name: 'file', filename: 'données-✓.bin', data }]);
    const reply = await send('chunked_upload/', body, CONTENT_TYPE, range(data));
    expect(reply.body.filename).toBe('données-✓.bin');
  });

  it('names an octet-stream part without a filename after its field', async () => {
    const data = Buffer.from('nameless');
    const body = rawForm([{ name: 'file', type: 'application/octet-stream', data }]);
    const reply = await send('chunked_upload/', body, CONTENT_TYPE, range(data));
    expect(reply).toMatchObject({ status: 200, body: { filename: 'file', offset: data.length } });
  });

  it('400 for a multipart Content-Type without a boundary', async () => {
    const data = Buffer.from('x');
    const body = rawForm([{ name: 'file', filename: 'a.bin', data }]);
    const reply = await send('chunked_upload/', body, 'multipart/form-data', range(data));
    expect(reply).toMatchObject({
      status: 400,
      body: { detail: 'Multipart form parse error - Multipart: Boundary not found' },
    });
  });

  it('400 for a body that ends inside a part, and the emulator keeps serving', async () => {
    const data = Buffer.from('0123456789');
    const body = rawForm([{ name: 'file', filename: 'a.bin', data }]);
    const cut = body.subarray(0, body.length - 30);
    const reply = await send('chunked_upload/', cut, CONTENT_TYPE, range(data));
    expect(reply).toMatchObject({
      status: 400,
      body: { detail: 'Multipart form parse error - Unexpected end of form' },
    });
    expect((await t.call('GET', 'projects/1/')).status).toBe(200);
  });

  it('413 for a file part over the upload limit', async () => {
    const data = Buffer.alloc(65, 1);
    const form = new FormData();
    form.append('md5', md5(data));
    form.append('file', new Blob([new Uint8Array(data)]), 'big.bin');
    const reply = await t.call('POST', 'chunked_upload/', { body: form });
    expect(reply).toMatchObject({ status: 413, body: { detail: 'Uploaded file is too large.' } });
    const fits = Buffer.alloc(64, 1);
    const ok = new FormData();
    ok.append('md5', md5(fits));
    ok.append('file', new Blob([new Uint8Array(fits)]), 'fits.bin');
    expect((await t.call('POST', 'chunked_upload/', { body: ok })).status).toBe(200);
  });

  it('400 for a total over the upload limit, which takes a total at the limit', async () => {
    const data = Buffer.alloc(8);
    const form = () => {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(data)]), 'a.bin');
      return body;
    };
    const over = await t.call('PUT', 'chunked_upload/', {
      body: form(),
      headers: { 'content-range': 'bytes 0-7/65' },
    });
    expect(over).toMatchObject({
      status: 400,
      body: { detail: 'Size of file exceeds the limit (64 bytes)' },
    });
    const at = await t.call('PUT', 'chunked_upload/', {
      body: form(),
      headers: { 'content-range': 'bytes 0-7/64' },
    });
    expect(at.status).toBe(200);
  });
});

/** A request whose headers go out now and whose body goes out when the test says. */
async function staged(url: string, method: string, headers: Record<string, string>, body: Buffer) {
  const target = new URL(url);
  const socket = connect(Number(target.port), target.hostname);
  socket.on('error', () => {});
  await once(socket, 'connect');
  let text = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (text += chunk));
  const ended = once(socket, 'end');
  const head = Object.entries({
    host: target.host,
    'content-length': String(body.length),
    connection: 'close',
    ...headers,
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`${method} ${target.pathname} HTTP/1.1\r\n${head}\r\n`);
  return {
    send: (from: number, to = body.length) => socket.write(body.subarray(from, to)),
    abort: () => socket.destroy(),
    reply: async (): Promise<{ status: number; body: Loose }> => {
      await ended;
      const [statusLine = '', ...rest] = text.split('\r\n');
      const payload = rest.join('\r\n').split('\r\n\r\n').slice(1).join('\r\n\r\n');
      return {
        status: Number(statusLine.split(' ')[1]),
        body: JSON.parse(payload.slice(payload.indexOf('{'))),
      };
    },
  };
}

describe('chunked upload: two requests for the same range at once', () => {
  const data = Buffer.from(Array.from({ length: 48 }, (_, i) => i));

  async function twoChunkRequests() {
    const first = await send(
      'chunked_upload/',
      rawForm([{ name: 'file', filename: 'a.bin', data: data.subarray(0, 16) }]),
      CONTENT_TYPE,
      { 'content-range': 'bytes 0-15/48' },
    );
    const headers = {
      'content-type': CONTENT_TYPE,
      'content-range': 'bytes 16-31/48',
      'synapse-access-token': `Token ${t.emulator.tokens.accessToken}`,
    };
    const body = rawForm([{ name: 'file', filename: 'a.bin', data: data.subarray(16, 32) }]);
    // Both pass the checks made on their headers while the upload is still at offset 16.
    const a = await staged(first.body.url, 'PUT', headers, body);
    const b = await staged(first.body.url, 'PUT', headers, body);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { url: first.body.url as string, a, b, body };
  }

  it('the second body to arrive is refused once the first has moved the offset', async () => {
    const { url, a, b } = await twoChunkRequests();
    a.send(0);
    expect(await a.reply()).toMatchObject({ status: 200, body: { offset: 32 } });
    b.send(0);
    expect(await b.reply()).toMatchObject({
      status: 400,
      body: { detail: 'Offsets do not match', expected_offset: 32, provided_offset: 16 },
    });
    expect((await t.call('GET', url)).body.offset).toBe(32);
  });

  it('the second body to arrive is refused while the first is being written', async () => {
    const { url, a, b, body } = await twoChunkRequests();
    a.send(0, body.length - 20);
    // A third request, refused by the checks on its headers, tells when the first one is writing.
    const probe = async () => {
      const reply = await send(url, rawForm([{ name: 'file', filename: 'a.bin', data: 'x' }]), CONTENT_TYPE, {
        'content-range': 'bytes 47-47/48',
      });
      return reply.status === 409 ? true : undefined;
    };
    await until(probe, 5_000);
    b.send(0);
    expect(await b.reply()).toMatchObject({
      status: 409,
      body: { detail: 'Another request is writing to this upload.' },
    });
    a.send(body.length - 20);
    expect(await a.reply()).toMatchObject({ status: 200, body: { offset: 32 } });
  });
});

describe('a client that goes away after the whole form but before the end of its declared body', () => {
  it('creates no data file', async () => {
    const files = await filesBelow(t.emulator.dataDir);
    const counts = t.emulator.stats().resources;
    const body = rawForm([{ name: 'file', filename: 'a.bin', data: Buffer.from('a complete form') }]);
    const request = await staged(
      `${t.emulator.backendUrl}/data_files/`,
      'POST',
      {
        'content-type': CONTENT_TYPE,
        'content-length': String(body.length + 10),
        'synapse-access-token': `Token ${t.emulator.tokens.accessToken}`,
      },
      body,
    );
    request.send(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    request.abort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.emulator.stats().resources).toEqual(counts);
    expect(await filesBelow(t.emulator.dataDir)).toEqual(files);
  });
});
