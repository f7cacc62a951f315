import { beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  type ChunkedUploadOptions,
  type ChunkedUploadResult,
  ClientError,
  CoreClient,
  type UploadProgress,
} from '../src/index.js';
import { recordingFetch, type SentRequest } from './helpers/recording-fetch.js';
import { useUploadEmulator } from './helpers/upload-emulator.js';
import { md5Hex, patternBytes, tempFiles } from './helpers/upload-files.js';

const CHUNK = 16 * 1024;
const SIZE = 2 * CHUNK + 100;
const bytes = patternBytes(SIZE);
const files = await tempFiles();
const uploads = useUploadEmulator(files);
let path: string;

beforeAll(async () => {
  path = await files.write('scan.bin', bytes);
});

const auth = () => `Token ${uploads.emulator.tokens.accessToken}`;
const RANGES = [`bytes 0-${CHUNK - 1}/${SIZE}`, `bytes ${CHUNK}-${2 * CHUNK - 1}/${SIZE}`];
const LAST_RANGE = `bytes ${2 * CHUNK}-${SIZE - 1}/${SIZE}`;

/** Runs an upload through a recording fetch; `onSend` sees each request once it is under way. */
async function upload(
  options: ChunkedUploadOptions & { onSend?: (request: SentRequest) => void } = {},
  file: Uint8Array | string = path,
) {
  const { onSend, ...uploadOptions } = options;
  const recorder = recordingFetch(onSend);
  const client = new CoreClient({
    baseUrl: uploads.emulator.backendUrl,
    accessToken: uploads.emulator.tokens.accessToken,
    retry: { initialDelay: 0.01, maxDelay: 0.05 },
    fetch: recorder.fetch,
  });
  const progress: UploadProgress[] = [];
  const outcome = await client
    .createChunkedUpload(file, { chunkSize: CHUNK, onProgress: (p) => progress.push(p), ...uploadOptions })
    .then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
  return { ...outcome, progress, sent: recorder.sent, summary: recorder.summary() };
}

/** Adds a fault on the upload's own URL once the server has named it. */
const faultOnUpload = (fault: { method: string; drop?: 'request' | 'response'; latencyMs?: number }) => ({
  onUploadUrl: (url: string) => {
    uploads.emulator.faults.add({ path: new URL(url).pathname, times: 1, ...fault });
  },
});

/** What the server reports about an upload now. */
async function serverState(url: string): Promise<Record<string, unknown>> {
  const reply = await fetch(url, { headers: { 'Synapse-Access-Token': auth() } });
  expect(reply.status).toBe(200);
  return (await reply.json()) as Record<string, unknown>;
}

function expectComplete(result: ChunkedUploadResult | undefined) {
  expect(result).toMatchObject({
    status: 'complete',
    md5: md5Hex(bytes),
    offset: SIZE,
    filename: 'scan.bin',
  });
  expect(result?.url).toBe(`${uploads.emulator.backendUrl}/chunked_upload/${result?.id}/`);
}

/** Every request carried the token and no query; each completing POST carried the file's MD5 as JSON. */
function expectWellFormed(sent: SentRequest[]) {
  for (const request of sent) {
    expect(request.headers['synapse-access-token']).toBe(auth());
    expect(request.search).toBe('');
    if (request.method === 'POST') {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.body).toBe(`{"md5":"${md5Hex(bytes)}"}`);
    }
    if (request.method === 'GET') expect(request.body).toBeUndefined();
  }
}

describe('a completing POST whose reply is lost', () => {
  it('after the server completed the upload: its state is the result', async () => {
    const { result, error, sent, summary } = await upload(
      faultOnUpload({ method: 'POST', drop: 'response' }),
    );
    expect(error).toBeUndefined();
    expectComplete(result);
    const at = `/chunked_upload/${result?.id}/`;
    expect(summary).toEqual([
      `PUT /chunked_upload/ ${RANGES[0]}`,
      `PUT ${at} ${RANGES[1]}`,
      `PUT ${at} ${LAST_RANGE}`,
      `POST ${at}`,
      `GET ${at}`,
    ]);
    expectWellFormed(sent);
    expect(result).toEqual(await serverState(result?.url as string));
  });

  it('before the server read it: the upload is still open, so it is completed again', async () => {
    const { result, sent, summary } = await upload(faultOnUpload({ method: 'POST', drop: 'request' }));
    expectComplete(result);
    const at = `/chunked_upload/${result?.id}/`;
    expect(summary.slice(3)).toEqual([`POST ${at}`, `GET ${at}`, `POST ${at}`]);
    expectWellFormed(sent);
  });

  it('when it times out: the state is read and the upload completed', async () => {
    const { result, sent, summary } = await upload({
      // The reply is awaited for connect + read seconds.
      timeout: { connect: 1, read: 0.3 },
      ...faultOnUpload({ method: 'POST', latencyMs: 10_000 }),
    });
    expectComplete(result);
    const at = `/chunked_upload/${result?.id}/`;
    expect(summary.slice(3)).toEqual([`POST ${at}`, `GET ${at}`, `POST ${at}`]);
    expectWellFormed(sent);
  });

  it('an abort during the POST is never recovered: no state is read', async () => {
    const controller = new AbortController();
    const { error, sent, summary } = await upload({
      signal: controller.signal,
      ...faultOnUpload({ method: 'POST', latencyMs: 60_000 }),
      onSend: (request) => {
        if (request.method === 'POST') controller.abort();
      },
    });
    expect(error).toBeInstanceOf(AbortError);
    expect(summary.map((line) => line.split(' ')[0])).toEqual(['PUT', 'PUT', 'PUT', 'POST']);
    expectWellFormed(sent);
  });
});

describe('a resumeUrl naming an upload already complete', () => {
  it('returns its state (with its id) when the MD5 is the file’s, sending nothing else', async () => {
    const first = await upload();
    expectComplete(first.result);
    const url = first.result?.url as string;
    const { result, error, progress, sent, summary } = await upload({ resumeUrl: url });
    expect(error).toBeUndefined();
    expect(result).toEqual(first.result);
    expect(summary).toEqual([`GET ${new URL(url).pathname}`]);
    expectWellFormed(sent);
    expect(progress).toEqual([{ loaded: SIZE, total: SIZE }]);
  });

  it('is a checksum error when the file differs', async () => {
    const first = await upload();
    const url = first.result?.url as string;
    const changed = bytes.slice();
    changed[7] = (changed[7] as number) ^ 0xff;
    const { error, sent, summary } = await upload({ resumeUrl: url }, changed);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      status: 400,
      reason: 'checksum does not match',
      message: `The upload at ${url} is already complete with other content`,
      body: first.result,
    });
    expect(summary).toEqual([`GET ${new URL(url).pathname}`]);
    expect(sent[0]?.headers['synapse-access-token']).toBe(auth());
  });
});
