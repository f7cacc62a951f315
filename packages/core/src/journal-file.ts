// An append-only file of lines on disk: Node (and Bun, Deno) only, reached through the runtime seam (`#runtime`),
// so a browser or worker bundle never links node:fs.

/** Appends lines to a journal file. */
export interface JournalWriter {
  /**
   * Writes the lines (each ended by `\n`) in one write, then waits for them to reach the disk (`datasync`): once it
   * resolves, neither a kill nor a power cut loses them.
   */
  append(lines: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** What the SDK does with a journal file. */
export interface JournalFiles {
  /** The file's lines, one at a time, without their `\n` (none when the file does not exist). */
  readLines(filePath: string): AsyncIterable<string>;
  /**
   * Opens the file for appending (made if missing). A last line a kill tore (no `\n` at the end) is ended first, so
   * the next line starts on a line of its own and the torn one stays unreadable on its own.
   */
  openForAppend(filePath: string): Promise<JournalWriter>;
}

async function* readJournalLines(filePath: string): AsyncGenerator<string> {
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const stream = createReadStream(filePath, { encoding: 'utf8' });
  const missing = new Promise<boolean>((resolve, reject) => {
    stream.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve(true) : reject(error),
    );
    stream.once('ready', () => resolve(false));
  });
  if (await missing) return;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) if (line !== '') yield line;
  } finally {
    lines.close();
    stream.destroy();
  }
}

async function openJournalForAppend(filePath: string): Promise<JournalWriter> {
  const { open } = await import('node:fs/promises');
  const handle = await open(filePath, 'a+');
  try {
    const { size } = await handle.stat();
    if (size > 0) {
      const last = new Uint8Array(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await handle.write('\n');
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    async append(lines) {
      if (lines.length === 0) return;
      await handle.write(`${lines.join('\n')}\n`);
      await handle.datasync();
    },
    close: () => handle.close(),
  };
}

export const journalFiles: JournalFiles = {
  readLines: readJournalLines,
  openForAppend: openJournalForAppend,
};
