import { blockNetwork, MockApi, networkRequests, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';
import { md5Hex, patternBytes } from './helpers/upload-files.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

const INTERNAL = 'http://backend-internal:8000';

describe('the upload URL the server hands back', () => {
  it("names an internal http:// host: every later request goes to the client's own origin, with credentials", async () => {
    const api = new MockApi(BASE);
    const bytes = patternBytes(10);
    api
      .on('PUT', '/chunked_upload/')
      .reply(200, { id: 'u1', url: `${INTERNAL}/chunked_upload/u1/`, offset: 4 });
    api
      .on('PUT', '/chunked_upload/u1/')
      .reply(200, { id: 'u1', url: `${INTERNAL}/chunked_upload/u1/`, offset: 8 });
    api
      .on('PUT', '/chunked_upload/u1/')
      .reply(200, { id: 'u1', url: `${INTERNAL}/chunked_upload/u1/`, offset: 10 });
    api.on('POST', '/chunked_upload/u1/').reply(200, { id: 'u1', status: 'complete' });
    const urls: string[] = [];
    const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
    const result = await client.createChunkedUpload(bytes, {
      chunkSize: 4,
      onUploadUrl: (url) => urls.push(url),
    });
    expect(result).toEqual({ id: 'u1', status: 'complete' });
    expect(urls).toEqual([`${BASE}/chunked_upload/u1/`]);
    const requests = await api.all();
    expect(
      requests.map((r) => `${r.method} ${r.path}${r.search} ${r.headers['content-range'] ?? ''}`),
    ).toEqual([
      'PUT /chunked_upload/ bytes 0-3/10',
      'PUT /chunked_upload/u1/ bytes 4-7/10',
      'PUT /chunked_upload/u1/ bytes 8-9/10',
      'POST /chunked_upload/u1/ ',
    ]);
    for (const request of requests) expect(request.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
    expect(requests[3]?.json).toEqual({ md5: md5Hex(bytes) });
    expect(networkRequests().filter((r) => r.url.startsWith(INTERNAL))).toEqual([]);
  });

  it('a resumeUrl on another origin is refused, naming it, before anything is sent', async () => {
    const api = new MockApi(BASE);
    const client = new TestClient({ baseUrl: BASE, apiToken: TOKEN });
    const error = await client
      .createChunkedUpload(patternBytes(10), { resumeUrl: 'https://elsewhere.example/chunked_upload/u1/' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ argument: 'resumeUrl' });
    expect((error as Error).message).toBe(
      "resumeUrl is on https://elsewhere.example, not on this client's https://synapse.test; " +
        'list that origin in trustedOrigins if the upload really lives there',
    );
    expect(api.requests).toHaveLength(0);
    expect(networkRequests()).toEqual([]);
  });

  it('a resumeUrl on a trusted origin is used as it is', async () => {
    const uploads = new MockApi('https://uploads.example');
    const bytes = patternBytes(6);
    uploads
      .on('GET', '/chunked_upload/u9/')
      .reply(200, { id: 'u9', url: 'https://uploads.example/chunked_upload/u9/', offset: 6 });
    uploads.on('POST', '/chunked_upload/u9/').reply(200, { id: 'u9', status: 'complete' });
    const client = new TestClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      trustedOrigins: ['https://uploads.example'],
    });
    const result = await client.createChunkedUpload(bytes, {
      resumeUrl: 'https://uploads.example/chunked_upload/u9/',
    });
    expect(result).toEqual({ id: 'u9', status: 'complete' });
    const [state, post] = await uploads.all();
    expect(state).toMatchObject({ method: 'GET', path: '/chunked_upload/u9/', search: '' });
    expect(post).toMatchObject({ method: 'POST', path: '/chunked_upload/u9/', json: { md5: md5Hex(bytes) } });
    expect(post?.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });
});
