import { blockNetwork, MockApi, type RecordedRequest, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  type ChunkedUploadOptions,
  ClientError,
  ProtocolError,
  ServerError,
} from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';
import { md5Hex } from './helpers/upload-files.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

const PATH = '/chunked_upload/0b7c-upload/';
const UPLOAD = `${BASE}${PATH}`;
const bytes = new TextEncoder().encode('hello world');
const MD5 = md5Hex(bytes);
const client = () =>
  new TestClient({ baseUrl: BASE, accessToken: TOKEN, retry: { initialDelay: 0, maxDelay: 0 } });

/** The upload's state as the server reports it, complete with `fields`. */
const state = (fields: Record<string, unknown> = {}) => ({
  id: '0b7c-upload',
  url: UPLOAD,
  filename: 'file',
  offset: 11,
  status: 'complete',
  md5: MD5,
  ...fields,
});
const ALREADY_COMPLETE = { detail: 'Upload has already been marked as "complete"' };

/** The one chunk is accepted; the test scripts the completion. */
function acceptChunk(api: MockApi) {
  api.on('PUT', '/chunked_upload/').reply(200, state({ status: 'uploading', md5: null }));
}

async function run(api: MockApi, options: ChunkedUploadOptions = {}) {
  const outcome = await client()
    .createChunkedUpload(bytes, options)
    .then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
  return { ...outcome, requests: await api.all() };
}

function expectAuthorized(req: RecordedRequest) {
  expect(req.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  expect(req.search).toBe('');
}

/** The chunk PUT, then the completing POSTs and state GETs in `steps` order. */
function expectSequence(requests: RecordedRequest[], steps: ('POST' | 'GET')[]) {
  expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'PUT /chunked_upload/',
    ...steps.map((method) => `${method} ${PATH}`),
  ]);
  for (const req of requests) expectAuthorized(req);
  expect(requests[0]?.headers['content-range']).toBe('bytes 0-10/11');
  for (const req of requests.slice(1)) {
    if (req.method === 'POST') {
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.body).toBe(`{"md5":"${MD5}"}`);
    } else {
      expect(req.body).toBe('');
    }
  }
}

describe('the completing POST whose outcome is unknown', () => {
  it.each([
    ['500', 500, { detail: 'Internal Server Error' }],
    ['502', 502, 'Bad Gateway'],
    ['503', 503, { detail: 'Service Unavailable' }],
    ['504', 504, 'Gateway Timeout'],
    ['408', 408, 'Request Timeout'],
    ['409 (busy)', 409, { detail: 'Another request is writing to this upload.' }],
    ['400 already complete (a repeated POST)', 400, ALREADY_COMPLETE],
  ])('after %s, an upload found complete with this MD5 is the result', async (_, status, body) => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(status, body);
    api.on('GET', PATH).reply(200, state());
    const { result, error, requests } = await run(api);
    expect(error).toBeUndefined();
    expect(result).toEqual(state());
    expectSequence(requests, ['POST', 'GET']);
    api.done();
  });

  it('after its own lost POST, a complete upload whose state has no md5 is accepted', async () => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(503, { detail: 'Service Unavailable' });
    const { md5: _, ...withoutMd5 } = state();
    api.on('GET', PATH).reply(200, withoutMd5);
    const { result, requests } = await run(api);
    expect(result).toEqual(withoutMd5);
    expectSequence(requests, ['POST', 'GET']);
    api.done();
  });

  it.each([
    ['another MD5', { md5: 'ffffffffffffffffffffffffffffffff' }],
    ['another length and no md5', { offset: 10, md5: undefined }],
  ])('an upload found complete with %s is a checksum error', async (_, fields) => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(503, { detail: 'Service Unavailable' });
    api.on('GET', PATH).reply(200, state(fields));
    const { error, requests } = await run(api);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      status: 400,
      reason: 'checksum does not match',
      message: `The upload at ${UPLOAD} is already complete with other content`,
      body: JSON.parse(JSON.stringify(state(fields))),
    });
    expectSequence(requests, ['POST', 'GET']);
    api.done();
  });

  it('an upload still open with every byte is completed again', async () => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(503, { detail: 'Service Unavailable' });
    api.on('GET', PATH).reply(200, state({ status: 'uploading', md5: null }));
    api.on('POST', PATH).reply(200, state());
    const { result, requests } = await run(api);
    expect(result).toEqual(state());
    expectSequence(requests, ['POST', 'GET', 'POST']);
    api.done();
  });

  it('completing again stops after maxRetries, with the last error', async () => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH, 2).reply(503, { detail: 'Service Unavailable' });
    api.on('GET', PATH, 2).reply(200, state({ status: 'uploading', md5: null }));
    const { error, requests } = await run(api, { maxRetries: 1 });
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, method: 'POST', url: UPLOAD });
    expectSequence(requests, ['POST', 'GET', 'POST', 'GET']);
    api.done();
  });

  it.each([
    ['still missing bytes', 200, state({ status: 'uploading', md5: null, offset: 5 })],
    ['unreadable (404)', 404, { detail: 'Not found.' }],
  ])('an upload state %s leaves the POST error as it was', async (_, status, body) => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(502, 'Bad Gateway');
    api.on('GET', PATH).reply(status, body);
    const { error, requests } = await run(api);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, method: 'POST', url: UPLOAD });
    expectSequence(requests, ['POST', 'GET']);
    api.done();
  });

  it('a checksum refusal is final: the state is not read', async () => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(400, { detail: 'checksum does not match' });
    const { error, requests } = await run(api);
    expect(error).toMatchObject({ status: 400, body: { detail: 'checksum does not match' } });
    expectSequence(requests, ['POST']);
    api.done();
  });
});

describe('a resumeUrl naming a complete upload', () => {
  it('is refused when the server does not report the checksum: the content cannot be verified', async () => {
    const api = new MockApi(BASE);
    const { md5: _, ...withoutMd5 } = state();
    api.on('GET', PATH).reply(200, withoutMd5);
    const { error, requests } = await run(api, { resumeUrl: UPLOAD });
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      status: 400,
      reason: 'checksum not reported',
      url: UPLOAD,
      body: withoutMd5,
      message:
        `The upload at ${UPLOAD} is already complete, but the server does not report its checksum: ` +
        'its content cannot be verified against this file',
    });
    const [get, ...rest] = requests;
    expect(rest).toEqual([]);
    expect(get?.method).toBe('GET');
    expect(get?.path).toBe(PATH);
    expectAuthorized(get as RecordedRequest);
    api.done();
  });
});

describe('the completing reply', () => {
  it.each([
    ['a text id', { id: '0b7c-upload', status: 'complete' }],
    ['a numeric id', { id: 42, status: 'complete' }],
  ])('with %s is the result', async (_, reply) => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(200, reply);
    const { result, requests } = await run(api);
    expect(result).toEqual(reply);
    expectSequence(requests, ['POST']);
    api.done();
  });

  it.each([
    ['no id', { status: 'complete' }],
    ['an id that is an object', { id: { value: 1 }, status: 'complete' }],
    ['null', null],
  ])('with %s breaks the protocol: an error at once, the state is not read', async (_, reply) => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(200, reply);
    api.on('GET', PATH).reply(200, state());
    const { error, requests } = await run(api);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({
      status: 500,
      reason: 'Invalid reply',
      message: 'The completing reply has no id',
      body: reply,
    });
    expectSequence(requests, ['POST']);
  });
});

describe('a completing POST refused for what it is', () => {
  it.each([
    ['400 checksum does not match', 400, { detail: 'checksum does not match' }],
    ['400 without a body', 400, undefined],
    ['403', 403, { detail: 'You do not have permission to perform this action.' }],
    ['404 that says already complete', 404, ALREADY_COMPLETE],
  ])('%s is final: the upload’s state is not read, even one that is complete', async (_, status, body) => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(status, body);
    api.on('GET', PATH).reply(200, state());
    const { error, requests } = await run(api);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ status, body: body ?? null, method: 'POST', url: UPLOAD });
    expectSequence(requests, ['POST']);
  });
});

describe('an upload found complete after a lost completing reply', () => {
  it('with a null md5 and every byte is this client’s own completion', async () => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(503, { detail: 'Service Unavailable' });
    api.on('GET', PATH).reply(200, state({ md5: null }));
    const { result, requests } = await run(api);
    expect(result).toEqual(state({ md5: null }));
    expectSequence(requests, ['POST', 'GET']);
    api.done();
  });

  it.each([
    ['this MD5 but another length', { offset: 10 }],
    ['an md5 that is no text', { md5: 123 }],
  ])('with %s is a checksum error', async (_, fields) => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(503, { detail: 'Service Unavailable' });
    api.on('GET', PATH).reply(200, state(fields));
    const { error, requests } = await run(api);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      status: 400,
      reason: 'checksum does not match',
      message: `The upload at ${UPLOAD} is already complete with other content`,
      url: UPLOAD,
      body: state(fields),
    });
    expectSequence(requests, ['POST', 'GET']);
    api.done();
  });

  it('an abort while its state is read ends the upload with the AbortError, not the POST’s failure', async () => {
    const api = new MockApi(BASE);
    acceptChunk(api);
    api.on('POST', PATH).reply(503, { detail: 'Service Unavailable' });
    api.on('GET', PATH).reply(200, state());
    const controller = new AbortController();
    const uploader = new TestClient({
      baseUrl: BASE,
      accessToken: TOKEN,
      retry: { initialDelay: 0, maxDelay: 0 },
      fetch: (input, init) => {
        if (init?.method === 'GET') controller.abort('enough');
        return fetch(input, init);
      },
    });
    const error = await uploader
      .createChunkedUpload(bytes, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: `Backend GET ${UPLOAD} was aborted`, cause: 'enough' });
    expectSequence(await api.all(), ['POST']);
  });
});

describe('a resumeUrl naming an upload complete with a null md5', () => {
  it('is refused: the content cannot be verified', async () => {
    const api = new MockApi(BASE);
    api.on('GET', PATH).reply(200, state({ md5: null }));
    const { error, requests } = await run(api, { resumeUrl: UPLOAD });
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ status: 400, reason: 'checksum not reported', url: UPLOAD });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${PATH}`]);
    api.done();
  });
});
