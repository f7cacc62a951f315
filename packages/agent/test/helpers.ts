import { expect } from 'vitest';
import { ClientError } from '../src/index.js';

/** Every line of `iterable`, read to its end. */
export async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of iterable) out.push(line);
  return out;
}

/**
 * The error `iterable` fails with, after pushing the lines it gave into `seen`. The test fails when it ends
 * instead, or fails with anything but a `Type` (a `ClientError` unless told).
 */
export async function failure<E extends Error = ClientError>(
  iterable: AsyncIterable<string>,
  seen: string[] = [],
  Type: abstract new (...args: never[]) => E = ClientError as unknown as abstract new (
    ...args: never[]
  ) => E,
): Promise<E> {
  const error = await (async () => {
    for await (const line of iterable) seen.push(line);
  })().then(
    () => new Error('expected the iteration to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Type);
  return error as E;
}
