import { type Emulator, type EmulatorOptions, startEmulator } from '@synapse/emulator';

/** Fast backoff so fault-heavy tests finish quickly; `Retry-After` still wins when the server sends it. */
export const FAST_RETRY = { initialDelay: 0.01, maxDelay: 0.05, maxRetryAfter: 5 } as const;

/** Starts an emulator with quick simulated jobs. */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ jobTiming: { pendingMs: 20, runningMs: 150 }, ...options });
}

export function backendOptions(emulator: Emulator) {
  return { baseUrl: emulator.backendUrl, apiToken: emulator.tokens.accessToken, retry: FAST_RETRY };
}

/** Creates a scripted job on the agent or Ray port (`POST /__emulator/jobs`) and returns its submission id. */
export async function scriptJob(baseUrl: string, script: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${baseUrl}/__emulator/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(script),
  });
  if (response.status !== 201) throw new Error(`scripted job: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { submission_id: string };
  return body.submission_id;
}

/** A logger that keeps every debug line with its details, as text. */
export function captureLogger(): { lines: string[]; logger: { debug(m: string, d?: object): void } } {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      debug(message, details) {
        lines.push(details === undefined ? message : `${message} ${JSON.stringify(details)}`);
      },
    },
  };
}

/** Seconds since `started` (from `performance.now()`). */
export function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}

/** What a promise rejected with (fails when it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Drains an async iterable, returning the items and the error it ended with, if any. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}
