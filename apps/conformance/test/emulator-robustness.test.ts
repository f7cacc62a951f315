import { connect } from 'node:net';
import type { Emulator } from '@synapse/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { start } from './support/emulator.js';

let emulator: Emulator;
let auth: Record<string, string>;

beforeAll(async () => {
  emulator = await start({ maxJsonBytes: 64 * 1024 });
  auth = { 'Synapse-Access-Token': `Token ${emulator.tokens.accessToken}` };
});
afterAll(() => emulator.stop());

// After every bad request the emulator must still answer a normal one.
afterEach(async () => {
  const response = await fetch(`${emulator.backendUrl}/projects/1/`, { headers: auth });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { id: number }).id).toBe(1);
});

function chunk(filename: string, contentRange?: string, bytes = 'abc'): RequestInit {
  const form = new FormData();
  form.set('filename', filename);
  form.set('file', new Blob([bytes]), 'file');
  return {
    method: 'PUT',
    body: form,
    headers: { ...auth, ...(contentRange && { 'Content-Range': contentRange }) },
  };
}

async function status(url: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { ...init, headers: { ...auth, ...init.headers } });
  return { status: response.status, text: await response.text() };
}

const CONTENT_RANGES: [what: string, header: string | undefined][] = [
  ['missing', undefined],
  ['not a range', 'bytes abc'],
  ['end before start', 'bytes 10-5/100'],
  ['end past the total', 'bytes 0-9/5'],
  ['length not matching the chunk', 'bytes 0-99/200'],
  ['negative start', 'bytes -1-2/3'],
  ['wrong unit', 'items 0-2/3'],
];

describe('the emulator answers bad requests with a 4xx and keeps serving', () => {
  it.each(CONTENT_RANGES)('malformed Content-Range: %s', async (_what, header) => {
    const before = emulator.stats().resources.chunked_uploads;
    const reply = await status(`${emulator.backendUrl}/chunked_upload/`, chunk('a.bin', header));
    expect(reply.status).toBe(400);
    expect(emulator.stats().resources.chunked_uploads).toBe(before);
  });

  it.each([
    ['truncated object', '{"project": 1,'],
    ['not JSON at all', 'project=1'],
    ['a bare string', '"'],
  ])('invalid JSON: %s', async (_what, body) => {
    const reply = await status(`${emulator.backendUrl}/tasks/`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('JSON parse error');
  });

  it('invalid JSON on the agent and Ray ports', async () => {
    const json = { 'content-type': 'application/json' };
    const ray = await status(`${emulator.rayUrl}/api/jobs/`, {
      method: 'POST',
      body: '{oops',
      headers: json,
    });
    expect(ray.status).toBe(400);
    const agent = await status(`${emulator.agentUrl}/__emulator/jobs`, {
      method: 'POST',
      body: '[1',
      headers: json,
    });
    expect(agent.status).toBe(400);
  });

  it('an oversized JSON body is 413', async () => {
    const body = JSON.stringify({ project: 1, padding: 'y'.repeat(200_000) });
    const reply = await status(`${emulator.backendUrl}/tasks/`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(413);
  });

  it('an oversized JSON body without Content-Length (chunked) is 413', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ project: 1, padding: 'z'.repeat(200_000) }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 16_384) controller.enqueue(bytes.subarray(at, at + 16_384));
        controller.close();
      },
    });
    const reply = await status(`${emulator.backendUrl}/tasks/`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(reply.status).toBe(413);
  });

  it('path traversal in an upload filename stays inside one safe file name', async () => {
    const form = new FormData();
    form.set('file', new Blob(['{"safe": true}']), '../../../etc/passwd');
    const reply = await status(`${emulator.backendUrl}/data_files/`, { method: 'POST', body: form });
    expect(reply.status).toBe(201);
    const { file } = JSON.parse(reply.text) as { file: string };
    const { pathname } = new URL(file);
    expect(pathname).toMatch(/^\/media\/data_files\/\d+\/passwd$/);
    expect(await (await fetch(file)).text()).toBe('{"safe": true}');
  });

  it('path traversal in a media URL is 404', async () => {
    for (const suffix of ['..%2F..%2F..%2Fetc%2Fpasswd', '../../../etc/passwd', '%2e%2e/%2e%2e/etc/passwd']) {
      const reply = await status(`${emulator.backendUrl}/media/data_files/1/${suffix}`);
      expect(reply.status).toBe(404);
    }
  });

  it('unknown routes are 404 on every service', async () => {
    expect((await status(`${emulator.backendUrl}/no/such/route/`)).status).toBe(404);
    expect((await status(`${emulator.backendUrl}/projects/1`)).status).toBe(404);
    const agent = await status(`${emulator.agentUrl}/no/such/`, {
      headers: { Authorization: emulator.tokens.agentToken },
    });
    expect(agent.status).toBe(404);
    expect((await status(`${emulator.rayUrl}/api/nothing`)).status).toBe(404);
  });

  it('an invalid fault rule over HTTP is 400', async () => {
    const reply = await status(`${emulator.backendUrl}/__emulator/faults`, {
      method: 'POST',
      body: '{"status": "x"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
    expect(emulator.faults.list()).toEqual([]);
  });

  it('a request that is not HTTP at all gets a 400 from the server', async () => {
    const { port, hostname } = new URL(emulator.backendUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (data) => {
        text += data.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
  });
});
