import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../src/index.js';
import { DEFAULT_STREAM_LIMITS, limitLines, type StreamLimits } from '../src/limits.js';
import { collect, failure } from './helpers.js';

async function* from(lines: string[], closed: { count: number } = { count: 0 }): AsyncGenerator<string> {
  try {
    yield* lines;
  } finally {
    closed.count += 1;
  }
}

const limitFailure = (iterable: AsyncIterable<string>, seen?: string[]) =>
  failure(iterable, seen, RateLimitError);

const LOOSE: StreamLimits = { maxLineBytes: 1000, maxLines: 1000, maxTotalBytes: 100_000 };

describe('limitLines', () => {
  it('has the Python stream managers’ defaults', () => {
    expect(DEFAULT_STREAM_LIMITS).toEqual({
      maxLineBytes: 10_240,
      maxLines: 50_000,
      maxTotalBytes: 52_428_800,
    });
  });

  it('uses the defaults when no limits are given: a 10 KiB line is kept, one byte more is skipped', async () => {
    const kept = 'k'.repeat(10_240);
    expect(await collect(limitLines(from(['a', kept, `${kept}x`, 'b'])))).toEqual(['a', kept, 'b']);
  });

  it('keeps a line of exactly maxLineBytes UTF-8 bytes and skips longer ones', async () => {
    const limits = { ...LOOSE, maxLineBytes: 4 };
    const lines = ['abcd', 'abcde', 'éé', 'ééa', '€a', '€é', '😀', '😀a', ''];
    expect(await collect(limitLines(from(lines), limits))).toEqual(['abcd', 'éé', '€a', '😀', '']);
  });

  it('allows exactly maxLines lines; one more is a 429 after the lines before it', async () => {
    const limits = { ...LOOSE, maxLines: 2 };
    expect(await collect(limitLines(from(['a', 'b']), limits))).toEqual(['a', 'b']);
    const seen: string[] = [];
    const error = await limitFailure(limitLines(from(['a', 'b', 'c']), limits), seen);
    expect(seen).toEqual(['a', 'b']);
    expect(error).toMatchObject({
      status: 429,
      message: 'Line limit exceeded (2 lines)',
      reason: 'Line limit exceeded (2 lines)',
      clientName: 'Agent',
    });
  });

  it('counts each line with its newline towards maxTotalBytes; exactly the limit is allowed', async () => {
    // 'ab\n' + 'é\n' = 3 + 3 bytes.
    const limits = { ...LOOSE, maxTotalBytes: 6 };
    expect(await collect(limitLines(from(['ab', 'é']), limits))).toEqual(['ab', 'é']);
    const seen: string[] = [];
    const error = await limitFailure(limitLines(from(['ab', 'é', '']), limits), seen);
    expect(seen).toEqual(['ab', 'é']);
    expect(error).toMatchObject({
      status: 429,
      message: 'Size limit exceeded (6 bytes)',
      reason: 'Size limit exceeded (6 bytes)',
      clientName: 'Agent',
    });
  });

  it('counts skipped lines towards both limits', async () => {
    const lines = await limitFailure(
      limitLines(from(['a', 'too long', 'b']), { ...LOOSE, maxLineBytes: 2, maxLines: 2 }),
    );
    expect(lines.message).toBe('Line limit exceeded (2 lines)');
    const bytes = await limitFailure(
      limitLines(from(['too long', 'b']), { ...LOOSE, maxLineBytes: 2, maxTotalBytes: 10 }),
    );
    expect(bytes.message).toBe('Size limit exceeded (10 bytes)');
  });

  it('closes the source when the consumer stops early and when a limit is hit', async () => {
    const stopped = { count: 0 };
    for await (const line of limitLines(from(['a', 'b', 'c'], stopped), LOOSE)) {
      expect(line).toBe('a');
      break;
    }
    expect(stopped.count).toBe(1);
    const limited = { count: 0 };
    await limitFailure(limitLines(from(['a', 'b', 'c'], limited), { ...LOOSE, maxLines: 1 }));
    expect(limited.count).toBe(1);
  });
});
