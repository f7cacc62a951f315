import { journalFiles } from '#runtime';
import { ValidationError } from './errors.js';
import type { JournalFiles } from './journal-file.js';

/** The journal files of the runtime's disk; a `ValidationError` naming `argument` where the runtime has none. */
export function diskJournal(argument: string): JournalFiles {
  if (journalFiles) return journalFiles;
  throw new ValidationError(
    `${argument} needs Node.js (or Bun, Deno): the journal is a file on disk; here leave it out and keep the ` +
      'per-record report instead',
    { argument },
  );
}
