import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every regular file under `root`, lazily: one directory handle open at a time, entries in the order the file
 * system gives them (not sorted: sorting would hold a whole directory in memory), subfolders after the files of
 * their parent. Symbolic links to files are followed; links to folders are not (no cycles). Paths in `exclude`
 * (e.g. the journal, when it sits inside the folder) are left out.
 */
export async function* walkFiles(
  root: string,
  exclude: ReadonlySet<string> = new Set(),
): AsyncGenerator<string> {
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const subfolders: string[] = [];
    for await (const entry of await opendir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) subfolders.push(path);
      else if (exclude.has(path)) continue;
      else if (entry.isFile()) yield path;
      else if (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile()) yield path;
    }
    // Reversed so that `pop` visits them in the order they were listed.
    for (let i = subfolders.length - 1; i >= 0; i -= 1) pending.push(subfolders[i] as string);
  }
}
