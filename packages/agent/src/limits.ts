import { errorForStatus } from '@synapse/core/internal';

/** The Python stream managers' defaults, shared by both tail protocols. */
export interface StreamLimits {
  /** Lines longer than this (UTF-8 bytes) are skipped. */
  maxLineBytes: number;
  /** More lines than this → 429 `Line limit exceeded`. */
  maxLines: number;
  /** More bytes than this in total → 429 `Size limit exceeded`. */
  maxTotalBytes: number;
}

/** The limits a log tail applies unless given others (the Python stream managers' defaults). */
export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxLineBytes: 10 * 1024,
  maxLines: 50_000,
  maxTotalBytes: 50 * 1024 * 1024,
};

const encoder = new TextEncoder();

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
    const size = encoder.encode(line).length;
    lines += 1;
    bytes += size + 1; // with its newline
    if (lines > limits.maxLines) throw limitError(`Line limit exceeded (${limits.maxLines} lines)`);
    if (bytes > limits.maxTotalBytes) throw limitError(`Size limit exceeded (${limits.maxTotalBytes} bytes)`);
    if (size > limits.maxLineBytes) continue;
    yield line;
  }
}
