import { pathFiles } from '#runtime';
import { describeValue } from './describe.js';
import { ValidationError } from './errors.js';
import { blobSource, bytesSource, type FileSource, streamSource, webStreamIterable } from './file-sources.js';
import type { PathFiles } from './path-files.js';

/** A Node.js readable stream (kept structural so the type works without Node's types). */
export interface NodeReadableLike {
  pipe: unknown;
  /** Its chunks, in order. */
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

/** Files named by a path, where the runtime has a file system (Node, Bun, Deno). */
function nodePathFiles(argument: string): PathFiles {
  if (pathFiles) return pathFiles;
  throw new ValidationError(
    `${argument}: a file path needs Node.js (or Bun, Deno); here pass a File, Blob, bytes or a stream`,
    { argument },
  );
}

export interface OpenFileOptions {
  /** The argument the input came in, named in errors (e.g. `file`, `data.files.image`). */
  argument: string;
  /** The name of nameless content (bytes, a stream, an unnamed Blob). Default: `file`. */
  fallbackName?: string;
  /** A filename option of the call, which wins over the input's own. */
  filename?: unknown;
  /** A size option of the call, which wins over the input's own (it matters for streams only). */
  size?: unknown;
  /**
   * A stream must come with its size (a chunked upload needs it up front). Otherwise a stream of unknown size is
   * read whole into memory when opened.
   */
  requireSize?: boolean;
}

/** What is known of a file before it is read. */
export interface FileInfo {
  /** The name the server is told: the given filename, the path's base name, the File's name, else the fallback. */
  filename: string;
  /** Bytes; for a stream, only when given. */
  size: number | undefined;
  /** The local path, when the input is one. */
  path: string | undefined;
}

type NamedInput = { content: FileContent; filename?: unknown; size?: unknown };
type Checked = FileInfo &
  (
    | { kind: 'path'; content: string; size: number }
    | { kind: 'blob'; content: Blob }
    | { kind: 'bytes'; content: Uint8Array | ArrayBuffer }
    | { kind: 'stream'; content: ReadableStream<Uint8Array> | NodeReadableLike }
  );

function isNamed(input: unknown): input is NamedInput {
  return typeof input === 'object' && input !== null && 'content' in input && !(input instanceof Blob);
}

const isByteCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** A filename or size given by the call (named as such) or by the input (named after the argument). */
function given(option: unknown, own: unknown, key: string, argument: string) {
  return option !== undefined ? { value: option, name: key } : { value: own, name: `${argument}.${key}` };
}

/** The one check of a file argument: its kind, name and size, a path stat-ed; nothing is read. */
async function check(input: FileInput, options: OpenFileOptions): Promise<Checked> {
  if (isCheckedFile(input)) return input[CHECKED];
  const { argument, fallbackName = 'file' } = options;
  const named = isNamed(input) ? input : undefined;
  const content: unknown = named ? named.content : input;
  const name = given(options.filename, named?.filename, 'filename', argument);
  if (name.value !== undefined && (typeof name.value !== 'string' || name.value === '')) {
    throw new ValidationError(`${name.name} must be a non-empty string`, { argument: name.name });
  }
  const size = given(options.size, named?.size, 'size', argument);
  if (size.value !== undefined && !isByteCount(size.value)) {
    throw new ValidationError(`${size.name} must be a whole number of bytes ≥ 0`, { argument: size.name });
  }
  const filename = name.value as string | undefined;
  if (typeof content === 'string') {
    const bytes = await nodePathFiles(argument).stat(content, argument);
    return { kind: 'path', content, filename: filename ?? basename(content), size: bytes, path: content };
  }
  if (content instanceof Blob) {
    const ownName = (content as { name?: unknown }).name;
    const blobName = typeof ownName === 'string' && ownName !== '' ? ownName : undefined;
    return {
      kind: 'blob',
      content,
      filename: filename ?? blobName ?? fallbackName,
      size: content.size,
      path: undefined,
    };
  }
  if (content instanceof Uint8Array || content instanceof ArrayBuffer) {
    const info = { filename: filename ?? fallbackName, size: content.byteLength, path: undefined };
    return { kind: 'bytes', content, ...info };
  }
  if (isWebStream(content) || isNodeReadable(content)) {
    if (size.value === undefined && options.requireSize) {
      throw new ValidationError('size is required (a whole number of bytes ≥ 0) to upload a stream', {
        argument: 'size',
      });
    }
    const info = {
      filename: filename ?? fallbackName,
      size: size.value as number | undefined,
      path: undefined,
    };
    return { kind: 'stream', content, ...info };
  }
  throw new ValidationError(
    `${argument} must be a file path, Blob, bytes or a stream, got ${describeValue(content)}`,
    { argument },
  );
}

/** Checks a file argument without reading it and tells its name and size, so bad input fails before a request. */
export async function inspectFile(input: FileInput, options: OpenFileOptions): Promise<FileInfo> {
  const { filename, size, path } = await check(input, options);
  return { filename, size, path };
}

const CHECKED: unique symbol = Symbol('checked file');

/**
 * A file argument checked once (see `checkFile`). It is a file input itself: anything that takes one
 * (`inspectFile`, `openFile`, `multipartForm`, a client method) takes it without checking it again.
 */
export interface CheckedFile extends FileInfo {
  readonly content: FileContent;
  readonly [CHECKED]: Checked;
}

/** Checks a file argument as `inspectFile` does, keeping the check with it (a path is stat-ed once). */
export async function checkFile(input: FileInput, options: OpenFileOptions): Promise<CheckedFile> {
  const file = await check(input, options);
  const { content, filename, size, path } = file;
  return { content, filename, size, path, [CHECKED]: file };
}

function isCheckedFile(input: unknown): input is CheckedFile {
  return typeof input === 'object' && input !== null && CHECKED in input;
}

/**
 * The one way a file argument becomes name, size and bytes: checked as `inspectFile` does, then read only when
 * the returned source is (except a stream of unknown size, which is read whole here).
 */
export async function openFile(input: FileInput, options: OpenFileOptions): Promise<FileSource> {
  const file = await check(input, options);
  switch (file.kind) {
    case 'path':
      return nodePathFiles(options.argument).source(file.content, file.size, file);
    case 'blob':
      return blobSource(file.content, file);
    case 'bytes':
      return bytesSource(new Uint8Array(file.content), file);
    default: {
      const stream = file.content;
      const iterable: AsyncIterable<unknown> = isWebStream(stream) ? webStreamIterable(stream) : stream;
      if (file.size === undefined) {
        // A Blob takes the pieces as they come: bytes as they are, text as its UTF-8.
        const parts: BlobPart[] = [];
        for await (const piece of iterable) parts.push(piece as BlobPart);
        return blobSource(new Blob(parts), file);
      }
      // A web stream's iterator only unlocks it; cancelling tells its producer to stop.
      const cancel = isWebStream(stream) ? () => stream.cancel() : undefined;
      return streamSource(iterable, file.size, file, cancel);
    }
  }
}

/** All the bytes of a file (e.g. for a data URI). */
export async function readWhole(file: FileSource): Promise<Uint8Array> {
  if (file.blob) return new Uint8Array(await file.blob.arrayBuffer());
  const whole = new Uint8Array(file.size);
  let at = 0;
  for await (const piece of file.read(0, file.size)) {
    whole.set(piece, at);
    at += piece.byteLength;
  }
  return whole;
}
