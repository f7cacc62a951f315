import {
  basename,
  type FileContent,
  type FileInput,
  isNodeReadable,
  isWebStream,
  statFile,
  ValidationError,
} from '@synapse/core';

/** What is known about a file before it is sent. */
export interface FileInfo {
  /** The name the server is told: the given filename, the path's base name, the File's name, else `file`. */
  filename: string;
  /** The size in bytes when known (always for paths, Blobs and bytes; for a stream only when given). */
  size: number | undefined;
  /** The local path, when the input is one. */
  path: string | undefined;
}

function isNamed(input: unknown): input is { content: FileContent; filename?: string; size?: number } {
  return typeof input === 'object' && input !== null && 'content' in input && !(input instanceof Blob);
}

/**
 * Checks a file input without reading it (a path must name a regular file) and tells its name and size, so that
 * bad input fails before any request.
 */
export async function inspectFile(input: FileInput, argument: string): Promise<FileInfo> {
  const named = isNamed(input) ? input : undefined;
  const content: unknown = named ? named.content : input;
  const given = named?.filename;
  if (given !== undefined && (typeof given !== 'string' || given === '')) {
    throw new ValidationError(`${argument}.filename must be a non-empty string`, {
      argument: `${argument}.filename`,
    });
  }
  if (named?.size !== undefined && (!Number.isSafeInteger(named.size) || named.size < 0)) {
    throw new ValidationError(`${argument}.size must be a whole number of bytes ≥ 0`, {
      argument: `${argument}.size`,
    });
  }
  if (typeof content === 'string') {
    const size = await statFile(content, argument);
    return { filename: given ?? basename(content), size, path: content };
  }
  if (content instanceof Blob) {
    const ownName = (content as { name?: unknown }).name;
    const filename = given ?? (typeof ownName === 'string' && ownName !== '' ? ownName : 'file');
    return { filename, size: content.size, path: undefined };
  }
  if (content instanceof Uint8Array || content instanceof ArrayBuffer) {
    return { filename: given ?? 'file', size: content.byteLength, path: undefined };
  }
  if (isWebStream(content) || isNodeReadable(content)) {
    return { filename: given ?? 'file', size: named?.size, path: undefined };
  }
  throw new ValidationError(`${argument} must be a file path, Blob, bytes or a stream`, { argument });
}
