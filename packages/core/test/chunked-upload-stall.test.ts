import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClientError } from '../src/index.js';
import { at, bytes, PATH, run, sequence, UPLOAD } from './helpers/scripted-upload.js';
import { BASE } from './helpers/test-client.js';
import { md5Hex } from './helpers/upload-files.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

/** Scripts the server: the first PUT creates the upload; each later step answers a PUT or a GET on it. */
function server(first: number, steps: ['PUT' | 'GET', number, unknown?][]) {
  const api = new MockApi(BASE);
  api.on('PUT', '/chunked_upload/').reply(200, at(first));
  for (const [method, status, body] of steps) api.on(method, PATH).reply(status, body);
  return api;
}

function expectStalled(error: unknown, offset: number) {
  expect(error).toBeInstanceOf(ClientError);
  expect(error).toMatchObject({
    status: 500,
    reason: 'Upload stalled',
    url: UPLOAD,
    message: `Upload stalled: the server's offset did not advance past ${offset} after 3 attempts (${UPLOAD})`,
  });
}

describe('a server whose offset does not advance', () => {
  it('accepting every PUT at the same offset: three such replies end the upload', async () => {
    const api = server(16, [
      ['PUT', 200, at(16)],
      ['PUT', 200, at(16)],
      ['PUT', 200, at(16)],
    ]);
    const { error, progress, requests } = await run(api);
    expectStalled(error, 16);
    expect(sequence(requests)).toEqual([
      'PUT /chunked_upload/ bytes 0-15/40',
      `PUT ${PATH} bytes 16-31/40`,
      `PUT ${PATH} bytes 16-31/40`,
      `PUT ${PATH} bytes 16-31/40`,
    ]);
    expect(progress).toEqual([0, 16]);
    api.done();
  });

  it('going back and forth: replies that bring no new highest offset are counted', async () => {
    const api = server(16, [
      ['PUT', 200, at(0)],
      ['PUT', 200, at(16)],
      ['PUT', 200, at(0)],
    ]);
    const { error, requests } = await run(api);
    expectStalled(error, 16);
    expect(sequence(requests)).toEqual([
      'PUT /chunked_upload/ bytes 0-15/40',
      `PUT ${PATH} bytes 16-31/40`,
      `PUT ${PATH} bytes 0-15/40`,
      `PUT ${PATH} bytes 16-31/40`,
    ]);
    api.done();
  });

  it('re-syncing after failures to an offset that goes back: those replies count too', async () => {
    const api = server(16, [
      ['PUT', 503, { detail: 'Service Unavailable' }],
      ['GET', 200, at(0)],
      ['PUT', 200, at(16)],
      ['PUT', 503, { detail: 'Service Unavailable' }],
      ['GET', 200, at(0)],
    ]);
    const { error, requests } = await run(api);
    expectStalled(error, 16);
    expect(sequence(requests)).toEqual([
      'PUT /chunked_upload/ bytes 0-15/40',
      `PUT ${PATH} bytes 16-31/40`,
      `GET ${PATH}`,
      `PUT ${PATH} bytes 0-15/40`,
      `PUT ${PATH} bytes 16-31/40`,
      `GET ${PATH}`,
    ]);
    api.done();
  });

  it('a new highest offset resets the count: a server that stalls twice per chunk still finishes', async () => {
    const api = server(16, [
      ['PUT', 200, at(16)],
      ['PUT', 200, at(16)],
      ['PUT', 200, at(32)],
      ['PUT', 200, at(32)],
      ['PUT', 200, at(32)],
      ['PUT', 200, at(40)],
    ]);
    api.on('POST', PATH).reply(200, { ...at(40), status: 'complete', md5: md5Hex(bytes) });
    const { result, error, progress, requests } = await run(api);
    expect(error).toBeUndefined();
    expect(result).toEqual({ ...at(40), status: 'complete', md5: md5Hex(bytes) });
    expect(sequence(requests)).toEqual([
      'PUT /chunked_upload/ bytes 0-15/40',
      ...Array(3).fill(`PUT ${PATH} bytes 16-31/40`),
      ...Array(3).fill(`PUT ${PATH} bytes 32-39/40`),
      `POST ${PATH}`,
    ]);
    expect(requests.at(-1)?.body).toBe(`{"md5":"${md5Hex(bytes)}"}`);
    expect(progress).toEqual([0, 16, 32, 40]);
    api.done();
  });

  it('a chunk that fails where it began is an ordinary failure: maxRetries, not the stall count, bounds it', async () => {
    const api = server(16, [
      ['PUT', 503, { detail: 'Service Unavailable' }],
      ['GET', 200, at(16)],
      ['PUT', 503, { detail: 'Service Unavailable' }],
      ['GET', 200, at(16)],
      ['PUT', 503, { detail: 'Service Unavailable' }],
      ['GET', 200, at(16)],
      ['PUT', 200, at(32)],
      ['PUT', 200, at(40)],
    ]);
    api.on('POST', PATH).reply(200, { ...at(40), status: 'complete' });
    const { result, error, requests } = await run(api);
    expect(error).toBeUndefined();
    expect(result).toEqual({ ...at(40), status: 'complete' });
    expect(sequence(requests)).toEqual([
      'PUT /chunked_upload/ bytes 0-15/40',
      ...Array(3)
        .fill([`PUT ${PATH} bytes 16-31/40`, `GET ${PATH}`])
        .flat(),
      `PUT ${PATH} bytes 16-31/40`,
      `PUT ${PATH} bytes 32-39/40`,
      `POST ${PATH}`,
    ]);
    api.done();
  });

  it('an Offsets do not match reply that sends it back counts like any re-sync', async () => {
    const mismatch = (expected: number) => ({
      detail: 'Offsets do not match',
      expected_offset: expected,
      provided_offset: 16,
    });
    const api = server(16, [
      ['PUT', 400, mismatch(0)],
      ['PUT', 200, at(16)],
      ['PUT', 400, mismatch(0)],
    ]);
    const { error, requests } = await run(api);
    expectStalled(error, 16);
    expect(sequence(requests)).toEqual([
      'PUT /chunked_upload/ bytes 0-15/40',
      `PUT ${PATH} bytes 16-31/40`,
      `PUT ${PATH} bytes 0-15/40`,
      `PUT ${PATH} bytes 16-31/40`,
    ]);
    api.done();
  });

  it('an expected_offset outside the file is not followed: the 400 is the error', async () => {
    const body = { detail: 'Offsets do not match', expected_offset: 41, provided_offset: 16 };
    const api = server(16, [['PUT', 400, body]]);
    const { error, progress, requests } = await run(api);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ status: 400, body, method: 'PUT', url: UPLOAD });
    expect(sequence(requests)).toEqual(['PUT /chunked_upload/ bytes 0-15/40', `PUT ${PATH} bytes 16-31/40`]);
    expect(progress).toEqual([0, 16]);
    api.done();
  });
});
