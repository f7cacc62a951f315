import { errorForStatus } from '@synapse/core';

/** The Python stream managers' defaults, shared by both tail protocols. */
export interface StreamLimits {
  /** Lines longer than this (UTF-8 bytes) are skipped. */
  maxLineBytes: number;
  /** More lines than this → 429 `Line limit exceeded`. */
  maxLines: number;
  /** More bytes than this in total → 429 `Size limit exceeded`. */
  maxTotalBytes: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxLineBytes: 10 * 1024,
  maxLines: 50_000,
  maxTotalBytes: 50 * 1024 * 1024,
};

/** UTF-8 length without encoding the string. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function limitError(message: string): Error {
  return errorForStatus(429, message, { reason: message, clientName: 'Agent' });
}

/**
 * Applies the stream limits to a source of lines. Every received line counts towards the line and size limits,
 * including the oversized ones that are skipped. Stopping early stops the source (and closes its connection).
 */
export async function* limitLines(
  source: AsyncGenerator<string>,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): AsyncGenerator<string> {
  let lines = 0;
  let bytes = 0;
  // `for await` closes the source when the loop ends early: a limit error, or the consumer stopping.
  for await (const line of source) {
    const size = utf8Length(line) + 1;
    lines += 1;
    bytes += size;
    if (lines > limits.maxLines) throw limitError(`Line limit exceeded (${limits.maxLines} lines)`);
    if (bytes > limits.maxTotalBytes) throw limitError(`Size limit exceeded (${limits.maxTotalBytes} bytes)`);
    if (size - 1 > limits.maxLineBytes) continue;
    yield line;
  }
}
