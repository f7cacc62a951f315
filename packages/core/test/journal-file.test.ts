import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@synapse/testing';
import { describe, expect, it, vi } from 'vitest';
import { diskJournal, type ValidationError } from '../src/internal.js';
import { journalFiles } from '../src/journal-file.js';
import * as platform from '../src/runtime/platform.js';

const temp = useTempDir('synapse-journal-');

const lines = async (path: string) => {
  const read: string[] = [];
  for await (const line of journalFiles.readLines(path)) read.push(line);
  return read;
};

describe('journal files', () => {
  it('a missing file reads as no lines; appending makes it, one write of whole lines per call', async () => {
    const path = join(temp.path, 'new.jsonl');
    expect(await lines(path)).toEqual([]);
    const writer = await journalFiles.openForAppend(path);
    await writer.append(['{"a":1}', '{"b":2}']);
    await writer.append([]);
    await writer.append(['{"c":3}']);
    await writer.close();
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n{"c":3}\n');
    expect(await lines(path)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('a torn last line is ended before the next append, so it stays a line of its own', async () => {
    const path = join(temp.path, 'torn.jsonl');
    await writeFile(path, '{"a":1}\n{"b":');
    const writer = await journalFiles.openForAppend(path);
    await writer.append(['{"c":3}']);
    await writer.close();
    expect(await lines(path)).toEqual(['{"a":1}', '{"b":', '{"c":3}']);
  });

  it('reads Windows line ends and skips empty lines', async () => {
    const path = join(temp.path, 'crlf.jsonl');
    await writeFile(path, '{"a":1}\r\n\r\n{"b":2}\n\n');
    expect(await lines(path)).toEqual(['{"a":1}', '{"b":2}']);
    const writer = await journalFiles.openForAppend(path);
    await writer.append(['{"c":3}']);
    await writer.close();
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\r\n\r\n{"b":2}\n\n{"c":3}\n');
  });

  it('a folder in place of the file is an error of the file system, not no lines', async () => {
    await expect(lines(temp.path)).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(journalFiles.openForAppend(temp.path)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('are the Node build of the runtime seam; the platform build has none and diskJournal says so', () => {
    expect(diskJournal('journal')).toBe(journalFiles);
    expect(platform.journalFiles).toBeUndefined();
  });
});

describe('diskJournal where the runtime has no disk', () => {
  it('is a ValidationError naming the argument and Node', async () => {
    vi.resetModules();
    vi.doMock('#runtime', () => platform);
    const { diskJournal: withoutDisk } = await import('../src/journal.js');
    const error = (() => {
      try {
        withoutDisk('journal');
      } catch (caught) {
        return caught;
      }
    })();
    vi.doUnmock('#runtime');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ValidationError', argument: 'journal' });
    expect((error as ValidationError).message).toMatch(/^journal needs Node\.js \(or Bun, Deno\)/);
  });
});
