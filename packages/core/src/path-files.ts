// Files named by a path: Node (and Bun, Deno) only, reached through the runtime seam (`#runtime`), so a browser or
// worker bundle never links node:fs.
import { ValidationError } from './errors.js';
import { type FileSource, type Named, quiet, READ_SIZE } from './file-sources.js';

/**
 * Read buffers a file read cycles through. A buffer is refilled only after this many later reads, and a request
 * body's consumer pulls the next piece only once the previous one has been written out, so a piece is never
 * overwritten while it is still queued.
 */
const RING_SIZE = 4;

/** Checks that a path names a readable regular file and returns its size. */
export async function statFile(filePath: string, argument: string): Promise<number> {
  if (filePath.trim() === '')
    throw new ValidationError(`${argument} must not be an empty path`, { argument });
  const { stat } = await import('node:fs/promises');
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(filePath);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    throw new ValidationError(`${argument}: file ${JSON.stringify(filePath)} ${why}`, {
      argument,
      cause: error,
    });
  }
  if (info.isDirectory()) {
    throw new ValidationError(`${argument}: ${JSON.stringify(filePath)} is a directory, not a file`, {
      argument,
    });
  }
  if (!info.isFile()) {
    throw new ValidationError(`${argument}: ${JSON.stringify(filePath)} is not a regular file`, { argument });
  }
  return info.size;
}

/**
 * A file on disk, opened for each read and closed after it, so a source never holds a descriptor. Its read
 * buffers are kept for the next read: a 1 GiB upload reads in 20 chunks, and buffers allocated afresh for each
 * wait for the garbage collector, adding tens of MiB to the peak memory.
 */
export function pathSource(filePath: string, size: number, { filename }: Named): FileSource {
  let idleRing: Uint8Array[] | undefined;
  const takeRing = (bufferSize: number): Uint8Array[] => {
    const ring = idleRing?.[0]?.byteLength === bufferSize ? idleRing : undefined;
    if (ring) idleRing = undefined;
    return ring ?? Array.from({ length: RING_SIZE }, () => new Uint8Array(bufferSize));
  };
  return {
    filename,
    size,
    type: undefined,
    path: filePath,
    blob: undefined,
    async *read(start, end) {
      if (start >= end) return;
      const { open } = await import('node:fs/promises');
      const handle = await open(filePath, 'r');
      // Read on while another read of this file is under way (a retry), it gets buffers of its own.
      const ring = takeRing(Math.min(READ_SIZE, end - start));
      let turn = 0;
      const fill = async (at: number) => {
        const buffer = ring[turn++ % RING_SIZE] as Uint8Array;
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.byteLength, end - at), at);
        if (bytesRead === 0) {
          throw new ValidationError(
            `file ${JSON.stringify(filePath)} shrank to ${at} bytes while it was read`,
            {
              argument: 'file',
            },
          );
        }
        return buffer.subarray(0, bytesRead);
      };
      // The next read runs while the consumer hashes and sends the current piece.
      let next: Promise<Uint8Array> | undefined = fill(start);
      try {
        for (let at = start; next; ) {
          const piece: Uint8Array = await next;
          at += piece.byteLength;
          next = at < end ? fill(at) : undefined;
          yield piece;
        }
      } finally {
        await next?.catch(() => undefined);
        await handle.close();
        idleRing = ring;
      }
    },
    ...quiet,
  };
}

/** What the SDK does with a file named by its path. */
export const pathFiles = { stat: statFile, source: pathSource };
export type PathFiles = typeof pathFiles;
