import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { type EmulatorOptions, startEmulator } from '../src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: replies are free-form JSON that each test reads field by field
export type Loose = any;

export interface Reply<T = Loose> {
  status: number;
  headers: Headers;
  body: T;
}

/** A started emulator plus fetch helpers that send the access token (or the given one). */
export async function setup(options: EmulatorOptions = {}) {
  const emulator = await startEmulator(options);
  const auth = (token = emulator.tokens.accessToken) => ({ 'Synapse-Access-Token': `Token ${token}` });
  async function call<T = Loose>(
    method: string,
    path: string,
    init: { json?: unknown; body?: BodyInit; headers?: Record<string, string>; token?: string | null } = {},
  ): Promise<Reply<T>> {
    const url = path.startsWith('http') ? path : `${emulator.backendUrl}/${path.replace(/^\//, '')}`;
    const headers: Record<string, string> = {
      ...(init.token === null ? {} : auth(init.token)),
      ...init.headers,
    };
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
  return { emulator, auth, call };
}

export type Setup = Awaited<ReturnType<typeof setup>>;

/** Polls `check` until it returns a value other than undefined. */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface FilePartSpec {
  field: string;
  filename: string;
  data: Buffer;
}

/** A multipart/form-data body (fields first, then the file part) and its Content-Type. */
export function multipartBody(
  fields: Record<string, string>,
  file: FilePartSpec,
): { body: Buffer; contentType: string } {
  const boundary = `----emulator-test-${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const fileHead =
    `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return {
    body: Buffer.concat([
      Buffer.from(parts.join('') + fileHead),
      file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Sends a request's headers and the first `sentBytes` of its body over a raw socket and leaves it hanging,
 * as a client that dies mid-upload does. `abort()` destroys the socket.
 */
export async function startPartialRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body: Buffer; sentBytes: number },
): Promise<{ abort: () => void }> {
  const target = new URL(url);
  const socket = connect(Number(target.port), target.hostname);
  socket.on('error', () => {});
  await once(socket, 'connect');
  const headers = {
    host: target.host,
    'content-length': String(init.body.length),
    connection: 'close',
    ...init.headers,
  };
  const head =
    `${init.method} ${target.pathname}${target.search} HTTP/1.1\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
  await new Promise<void>((resolve, reject) =>
    socket.write(
      Buffer.concat([Buffer.from(`${head}\r\n`), init.body.subarray(0, init.sentBytes)]),
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  return { abort: () => socket.destroy() };
}

/** Every file below `dir`, as paths relative to it. */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}
