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
