import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, BadRequestError, ClientError, ProtocolError, ServerError } from '../src/index.js';
import { at, bytes, PATH, run, SIZE, sequence, UPLOAD } from './helpers/scripted-upload.js';
import { BASE } from './helpers/test-client.js';
import { md5Hex } from './helpers/upload-files.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

const complete = { ...at(SIZE), status: 'complete', md5: md5Hex(bytes) };
const unavailable = { detail: 'Service Unavailable' };

type Step = [method: 'PUT' | 'GET' | 'POST', path: string, status: number, body?: unknown];

/** Scripts the server's replies, in order. */
function server(steps: Step[]) {
  const api = new MockApi(BASE);
  for (const [method, path, status, body] of steps) api.on(method, path).reply(status, body);
  return api;
}

const NEW = '/chunked_upload/';
const FIRST = `PUT ${NEW} bytes 0-15/40`;
const SECOND = `PUT ${PATH} bytes 16-31/40`;
const LAST = `PUT ${PATH} bytes 32-39/40`;

describe('a failed chunk', () => {
  it('the first one is sent again to chunked_upload/ from byte 0: there is no upload to ask yet', async () => {
    const api = server([
      ['PUT', NEW, 503, unavailable],
      ['PUT', NEW, 200, at(16)],
      ['PUT', PATH, 200, at(32)],
      ['PUT', PATH, 200, at(40)],
      ['POST', PATH, 200, complete],
    ]);
    const { result, progress, requests } = await run(api);
    expect(result).toEqual(complete);
    expect(sequence(requests)).toEqual([FIRST, FIRST, SECOND, LAST, `POST ${PATH}`]);
    expect(progress).toEqual([0, 16, 32, 40]);
    api.done();
  });

  it('is sent again at most maxRetries times; the last failure is the error', async () => {
    const api = server([
      ['PUT', NEW, 200, at(16)],
      ['PUT', PATH, 503, unavailable],
      ['GET', PATH, 200, at(16)],
      ['PUT', PATH, 503, unavailable],
    ]);
    const { error, progress, requests } = await run(api, { maxRetries: 1 });
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, method: 'PUT', url: UPLOAD });
    expect(sequence(requests)).toEqual([FIRST, SECOND, `GET ${PATH}`, SECOND]);
    expect(progress).toEqual([0, 16]);
    api.done();
  });

  it('goes on from the offset the server reports, not from one a failure body names', async () => {
    const api = server([
      ['PUT', NEW, 200, at(16)],
      ['PUT', PATH, 503, { ...unavailable, expected_offset: 0 }],
      ['GET', PATH, 200, at(24)],
      ['PUT', PATH, 200, at(40)],
      ['POST', PATH, 200, complete],
    ]);
    const { result, progress, requests } = await run(api);
    expect(result).toEqual(complete);
    expect(sequence(requests)).toEqual([
      FIRST,
      SECOND,
      `GET ${PATH}`,
      `PUT ${PATH} bytes 24-39/40`,
      `POST ${PATH}`,
    ]);
    expect(progress).toEqual([0, 16, 24, 40]);
    api.done();
  });

  it('refused with Offsets do not match at the end of the file: the server has it all, so it is completed', async () => {
    const api = server([
      ['PUT', NEW, 200, at(16)],
      ['PUT', PATH, 400, { detail: 'Offsets do not match', expected_offset: 40, provided_offset: 16 }],
      ['POST', PATH, 200, complete],
    ]);
    const { result, progress, requests } = await run(api);
    expect(result).toEqual(complete);
    expect(sequence(requests)).toEqual([FIRST, SECOND, `POST ${PATH}`]);
    expect(progress).toEqual([0, 16, 40]);
    api.done();
  });

  it.each([
    ['a negative expected_offset', { detail: 'Offsets do not match', expected_offset: -1 }],
    ['a fractional expected_offset', { detail: 'Offsets do not match', expected_offset: 2.5 }],
    ['an expected_offset as text', { detail: 'Offsets do not match', expected_offset: '16' }],
    ['no body', undefined],
  ])('refused with 400 and %s: the 400 is the error, nothing is sent again', async (_, body) => {
    const api = server([
      ['PUT', NEW, 200, at(16)],
      ['PUT', PATH, 400, body],
    ]);
    const { error, requests } = await run(api);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, body: body ?? null, method: 'PUT', url: UPLOAD });
    expect(sequence(requests)).toEqual([FIRST, SECOND]);
    api.done();
  });

  it('refused with another 4xx is the error even when the body names an offset', async () => {
    const body = { detail: 'Unprocessable', expected_offset: 16 };
    const api = server([
      ['PUT', NEW, 200, at(16)],
      ['PUT', PATH, 422, body],
    ]);
    const { error, requests } = await run(api);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ status: 422, body, method: 'PUT', url: UPLOAD });
    expect(sequence(requests)).toEqual([FIRST, SECOND]);
    api.done();
  });
});

describe('a reply that breaks the protocol is an error at once, never retried', () => {
  const noState = 'The chunk reply has no url/offset';
  it.each([
    ['null', null, noState],
    ['no url', { offset: 16 }, noState],
    ['an offset as text', { url: UPLOAD, offset: '16' }, noState],
    ['a fractional offset', { url: UPLOAD, offset: 1.5 }, noState],
    [
      'a negative offset',
      { url: UPLOAD, offset: -1 },
      "The chunk reply's offset -1 is outside the file (40 bytes)",
    ],
    [
      'an offset past the end',
      { url: UPLOAD, offset: 41 },
      "The chunk reply's offset 41 is outside the file (40 bytes)",
    ],
  ])('a chunk reply with %s', async (_, body, message) => {
    const api = server([['PUT', NEW, 200, body]]);
    const { error, requests } = await run(api);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ status: 500, reason: 'Invalid reply', message, body });
    expect(sequence(requests)).toEqual([FIRST]);
    api.done();
  });

  it('a resumed upload whose state has no url/offset', async () => {
    const api = server([['GET', PATH, 200, { id: '0b7c-upload' }]]);
    const { error, requests } = await run(api, { resumeUrl: UPLOAD });
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({
      status: 500,
      reason: 'Invalid reply',
      message: 'The upload reply has no url/offset',
      body: { id: '0b7c-upload' },
    });
    expect(sequence(requests)).toEqual([`GET ${PATH}`]);
    api.done();
  });
});

describe('an abort', () => {
  it('between chunks ends the upload before the next PUT, with the signal’s reason as the cause', async () => {
    const controller = new AbortController();
    const api = server([['PUT', NEW, 200, at(16)]]);
    const { error, requests } = await run(api, {
      signal: controller.signal,
      onProgress: ({ loaded }) => {
        if (loaded === 16) controller.abort('enough');
      },
    });
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'The upload was aborted', cause: 'enough' });
    expect(sequence(requests)).toEqual([FIRST]);
    api.done();
  });

  it('while the bytes the server holds are hashed stops reading the file', async () => {
    const controller = new AbortController();
    let pulled = 0;
    const pieces = async function* () {
      for (let start = 0; start < SIZE; start += 4) {
        pulled++;
        if (start === 8) controller.abort('enough');
        yield bytes.slice(start, start + 4);
      }
    };
    const api = server([['GET', PATH, 200, at(32)]]);
    const { error, requests } = await run(
      api,
      { signal: controller.signal, resumeUrl: UPLOAD, size: SIZE },
      // A Node-stream-like input that pulls its pieces only when asked.
      { content: { pipe: () => undefined, [Symbol.asyncIterator]: pieces } },
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'The upload was aborted', cause: 'enough' });
    expect(pulled).toBe(3);
    expect(sequence(requests)).toEqual([`GET ${PATH}`]);
    api.done();
  });
});
