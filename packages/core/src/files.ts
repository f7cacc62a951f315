import { describeValue } from './describe.js';
import { ValidationError } from './errors.js';

/** A Node.js readable stream (kept structural so the type works without Node's types). */
export interface NodeReadableLike {
  pipe: unknown;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

/** The raw kinds of file content the SDK accepts. */
export type FileContent =
  | string
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | NodeReadableLike;

/**
 * A file to send: a path (Node), a `Blob`/`File`, bytes, or a Node/web stream; or one of those with an explicit
 * filename (and, for streams, the size).
 */
export type FileInput = FileContent | { content: FileContent; filename?: string; size?: number };

/** A file ready to be sent: a Blob (file-backed for paths, so nothing is read into memory) and its name. */
export interface PreparedFile {
  blob: Blob;
  filename: string;
}

function isNamed(input: FileInput): input is { content: FileContent; filename?: string; size?: number } {
  return typeof input === 'object' && input !== null && 'content' in input && !(input instanceof Blob);
}

export function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as Partial<ReadableStream> | null | undefined)?.getReader === 'function';
}

export function isNodeReadable(value: unknown): value is NodeReadableLike {
  const { pipe, [Symbol.asyncIterator]: iterate } = (value ?? {}) as Partial<NodeReadableLike>;
  return typeof pipe === 'function' && typeof iterate === 'function';
}

export function basename(filePath: string): string {
  const parts = filePath.split(/[\\/]/);
  return parts[parts.length - 1] || filePath;
}

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

async function streamToBlob(stream: ReadableStream<Uint8Array> | NodeReadableLike): Promise<Blob> {
  // A Blob takes the pieces as they come: bytes as they are, text as its UTF-8.
  const parts: BlobPart[] = [];
  const iterable = isWebStream(stream) ? webStreamIterable(stream) : stream;
  for await (const chunk of iterable as AsyncIterable<BlobPart>) parts.push(chunk);
  return new Blob(parts);
}

export async function* webStreamIterable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Turns any accepted file input into a Blob with a filename, without opening a file descriptor that could leak:
 * a path becomes a lazily read, file-backed Blob. `fieldName` is the filename for nameless content, as in Python.
 */
export async function prepareFile(
  input: FileInput,
  fieldName: string,
  argument = fieldName,
): Promise<PreparedFile> {
  const named = isNamed(input) ? input : undefined;
  const content = named ? named.content : input;
  if (named?.filename !== undefined && (typeof named.filename !== 'string' || named.filename === '')) {
    throw new ValidationError(`${argument}.filename must be a non-empty string`, { argument });
  }
  if (typeof content === 'string') {
    await statFile(content, argument);
    const { openAsBlob } = await import('node:fs');
    return { blob: await openAsBlob(content), filename: named?.filename ?? basename(content) };
  }
  if (content instanceof Blob) {
    const ownName = (content as { name?: unknown }).name;
    return {
      blob: content,
      filename: named?.filename ?? (typeof ownName === 'string' && ownName !== '' ? ownName : fieldName),
    };
  }
  if (content instanceof Uint8Array || content instanceof ArrayBuffer) {
    return { blob: new Blob([content as BlobPart]), filename: named?.filename ?? fieldName };
  }
  if (isWebStream(content) || isNodeReadable(content)) {
    return { blob: await streamToBlob(content), filename: named?.filename ?? fieldName };
  }
  throw new ValidationError(
    `${argument} must be a file path, Blob, bytes or a stream, got ${describeValue(content)}`,
    { argument },
  );
}
