import { type Dispatcher, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { MockApi, type RecordedRequest, useMockNetwork } from '../src/index.js';

useMockNetwork();

const BASE = 'https://api.test';
const BOUNDARY = '----formdata-synapse-0123456789';
const MULTIPART = [
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="filename"\r\n\r\nreport.bin\r\n`,
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n`,
  'Content-Type: application/octet-stream\r\n\r\n\u0000\u0001binary\u00ff\r\n',
  `--${BOUNDARY}--\r\n`,
];
const MULTIPART_LENGTH = Buffer.byteLength(MULTIPART.join(''), 'latin1');

interface Outgoing {
  method: string;
  headers: Record<string, string>;
  body?: string | ReadableStream<Uint8Array>;
}

/** Sends one request and reads the whole reply. */
type Send = (url: string, outgoing: Outgoing) => Promise<{ status: number; text: string }>;

const viaFetch: Send = async (url, { method, headers, body }) => {
  const init = { method, headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) };
  const response = await globalThis.fetch(url, init as RequestInit);
  return { status: response.status, text: await response.text() };
};

const viaUndici: Send = async (url, { method, headers, body }) => {
  // undici's request takes any async iterable as a body, a ReadableStream too; its types name Node streams only.
  const options = { method: method as Dispatcher.HttpMethod, headers, body: body as string | undefined };
  const response = await request(url, options);
  return { status: response.statusCode, text: await response.body.text() };
};

/** A multipart body streamed piece by piece, as the SDK streams a form. */
function streamedForm(): ReadableStream<Uint8Array> {
  const pieces = MULTIPART.map((piece) => Buffer.from(piece, 'latin1'));
  return new ReadableStream({
    pull(controller) {
      const piece = pieces.shift();
      if (piece) controller.enqueue(new Uint8Array(piece));
      else controller.close();
    },
  });
}

/** The same three requests through `send`: what the fake recorded, and what each got back. */
async function exchange(send: Send): Promise<{ recorded: RecordedRequest[]; replies: unknown[] }> {
  const api = new MockApi(BASE);
  api.on('GET', '/projects/').reply(200, { count: 0, results: [] });
  api.on('POST', '/projects/').reply(201, { id: 7 });
  api.on('PUT', '/chunked_upload/').reply(200, 'stored');
  const auth = { 'Synapse-Access-Token': 'Token tok-1' };
  const replies = [
    await send(`${BASE}/projects/?page=2&tag=a&tag=b%20c`, { method: 'GET', headers: auth }),
    await send(`${BASE}/projects/`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Ünïcode', tags: ['x'] }),
    }),
    await send(`${BASE}/chunked_upload/`, {
      method: 'PUT',
      headers: {
        ...auth,
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        'Content-Length': String(MULTIPART_LENGTH),
        'Content-Range': 'bytes 0-8/9',
      },
      body: streamedForm(),
    }),
  ];
  api.done();
  return { recorded: await api.all(), replies };
}

describe('MockApi serves both transports alike', () => {
  it('fetch: records the GET with a query, the JSON POST and the streamed multipart PUT', async () => {
    const { recorded, replies } = await exchange(viaFetch);
    expect(replies).toEqual([
      { status: 200, text: '{"count":0,"results":[]}' },
      { status: 201, text: '{"id":7}' },
      { status: 200, text: 'stored' },
    ]);
    const [get, post, put] = recorded;
    expect(get).toMatchObject({
      method: 'GET',
      path: '/projects/',
      search: 'page=2&tag=a&tag=b%20c',
      query: { page: '2', tag: ['a', 'b c'] },
      headers: { 'synapse-access-token': 'Token tok-1', host: 'api.test' },
      body: '',
    });
    expect(post?.headers).toEqual({
      'synapse-access-token': 'Token tok-1',
      'content-type': 'application/json',
      host: 'api.test',
    });
    expect(post?.json).toEqual({ title: 'Ünïcode', tags: ['x'] });
    expect(put?.headers['content-length']).toBe(String(MULTIPART_LENGTH));
    expect(put?.parts).toEqual([
      { name: 'filename', value: 'report.bin', size: 10 },
      {
        name: 'file',
        filename: 'file',
        contentType: 'application/octet-stream',
        value: '\u0000\u0001binary\u00ff',
        size: 9,
      },
    ]);
  });

  it('undici.request (global dispatcher): records exactly what fetch did, and gets the same replies', async () => {
    const fetched = await exchange(viaFetch);
    const requested = await exchange(viaUndici);
    expect(requested.replies).toEqual(fetched.replies);
    expect(requested.recorded).toEqual(fetched.recorded);
    expect(requested.recorded).toHaveLength(3);
  });
});
