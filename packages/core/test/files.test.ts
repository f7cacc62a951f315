import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkFile,
  type FileInput,
  multipartForm,
  openFile,
  readWhole,
  ValidationError,
} from '../src/internal.js';
import { BASE, TestClient } from './helpers/test-client.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

async function tmpFile(name: string, content: string) {
  const dir = await mkdtemp(join(tmpdir(), 'synapse-files-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return { dir, path };
}

/** A file opened as a form field named `field` would be: its filename and its bytes as text. */
async function opened(input: FileInput, field: string) {
  const file = await openFile(input, { argument: field, fallbackName: field });
  return [file.filename, new TextDecoder().decode(await readWhole(file))];
}

describe('file inputs', () => {
  it('accepts a path, Blob, File, bytes, ArrayBuffer, web and Node streams', async () => {
    const { path } = await tmpFile('photo.jpg', 'JPEG');
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('we'));
        controller.enqueue(new TextEncoder().encode('b'));
        controller.close();
      },
    });
    const seen = await Promise.all([
      opened(path, 'file'),
      opened(new Blob(['blob']), 'file'),
      opened(new File(['named'], 'named.txt'), 'file'),
      opened(new Uint8Array([98, 121]), 'raw'),
      opened(new Uint8Array([97, 98]).buffer, 'raw'),
      opened(web, 'stream'),
      opened(Readable.from([Buffer.from('node')]), 'stream'),
      opened({ content: new Uint8Array([1]), filename: 'given.bin' }, 'file'),
    ]);
    expect(seen).toEqual([
      ['photo.jpg', 'JPEG'],
      ['file', 'blob'],
      ['named.txt', 'named'],
      ['raw', 'by'],
      ['raw', 'ab'],
      ['stream', 'web'],
      ['stream', 'node'],
      ['given.bin', '\u0001'],
    ]);
  });

  it('a path is sent as a file part named after its base name', async () => {
    const { path } = await tmpFile('notes.txt', 'hello file');
    const api = new MockApi(BASE);
    api.on('POST', '/data_files/').reply(201, { id: 1 });
    const form = await multipartForm(undefined, { file: path });
    await new TestClient({ baseUrl: BASE }).call('POST', 'data_files/', { form });
    const req = await api.single();
    expect(req.parts).toEqual([
      expect.objectContaining({ name: 'file', filename: 'notes.txt', value: 'hello file' }),
    ]);
  });

  it.each([
    ['a missing path', async () => join(tmpdir(), 'no-such-file-9f8e7d.bin'), 'does not exist'],
    ['a directory', async () => (await tmpFile('x', 'x')).dir, 'is a directory'],
    ['an empty path', async () => '', 'empty path'],
    ['a number', async () => 42, 'must be a file path, Blob, bytes or a stream'],
    ['null', async () => null, 'must be a file path, Blob, bytes or a stream'],
  ])('rejects %s before any request', async (_, make, message) => {
    const input = await make();
    const client = new TestClient({ baseUrl: BASE });
    const error = await multipartForm(undefined, { file: input as never })
      .then((form) => client.call('POST', 'data_files/', { form }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain(message);
    expect((error as ValidationError).argument).toBe('file');
  });

  it('names a File without a name after its field, as it does nameless content', async () => {
    expect(await opened(new File(['x'], ''), 'attachment')).toEqual(['attachment', 'x']);
  });

  it('reads a Node stream of text as its UTF-8 bytes', async () => {
    const file = await openFile(Readable.from(['hé', 'llo ☃']), { argument: 'notes', fallbackName: 'notes' });
    expect(file.filename).toBe('notes');
    expect(await readWhole(file)).toEqual(new TextEncoder().encode('héllo ☃'));
  });

  it.each([
    ['a path of blanks', async () => '   ', 'files.doc must not be an empty path'],
    [
      'a path through a regular file',
      async () => `${(await tmpFile('plain.txt', 'x')).path}/inside.txt`,
      /^files\.doc: file ".*\/plain\.txt\/inside\.txt" cannot be read \(ENOTDIR\)$/,
    ],
    [
      'a path with a NUL byte',
      async () => 'bad\u0000name.txt',
      'files.doc: file "bad\\u0000name.txt" cannot be read (ERR_INVALID_ARG_VALUE)',
    ],
    ['a device', async () => '/dev/null', 'files.doc: "/dev/null" is not a regular file'],
    [
      'an empty filename',
      async () => ({ content: new Uint8Array([1]), filename: '' }),
      'files.doc.filename must be a non-empty string',
    ],
    [
      'a filename that is no string',
      async () => ({ content: new Uint8Array([1]), filename: 7 }),
      'files.doc.filename must be a non-empty string',
    ],
    [
      'an async iterable that is no stream',
      async () => (async function* () {})(),
      /^files\.doc must be a file path, Blob, bytes or a stream, got /,
    ],
    [
      'an object with pipe that cannot be iterated',
      async () => ({ pipe: () => undefined }),
      /^files\.doc must be a file path, Blob, bytes or a stream, got /,
    ],
  ])('refuses %s, naming the argument', async (_, make, message) => {
    const error = await openFile((await make()) as never, { argument: 'files.doc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    // A bad filename is named as the input's own field.
    const argument = String(message).includes('.filename') ? 'files.doc.filename' : 'files.doc';
    expect((error as ValidationError).argument).toBe(argument);
    if (typeof message === 'string') expect((error as ValidationError).message).toBe(message);
    else expect((error as ValidationError).message).toMatch(message);
  });
});

describe('a file checked once', () => {
  it('is opened, and sent in a form, on the strength of that check: its name, size and bytes as checked', async () => {
    const { path } = await tmpFile('checked.txt', 'kept');
    const checked = await checkFile(path, { argument: 'data.files.doc' });
    expect([checked.filename, checked.size, checked.path]).toEqual(['checked.txt', 4, path]);
    const file = await openFile(checked, { argument: 'ignored', fallbackName: 'ignored' });
    expect([file.filename, file.size, new TextDecoder().decode(await readWhole(file))]).toEqual([
      'checked.txt',
      4,
      'kept',
    ]);
    const form = await multipartForm(undefined, { file: checked });
    expect(form.length).toBe((await multipartForm(undefined, { file: path })).length);
  });

  it('is not checked again: a path gone since fails when read, not when opened', async () => {
    const { path } = await tmpFile('gone.txt', 'soon gone');
    const checked = await checkFile(path, { argument: 'file' });
    await rm(path);
    await expect(openFile(path, { argument: 'file' })).rejects.toThrow(ValidationError);
    const file = await openFile(checked, { argument: 'file' });
    await expect(readWhole(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a bad input fails the check itself, before anything is opened', async () => {
    await expect(checkFile(42 as unknown as FileInput, { argument: 'data.file' })).rejects.toMatchObject({
      argument: 'data.file',
    });
  });
});
