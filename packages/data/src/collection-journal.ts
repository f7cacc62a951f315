import { diskJournal, type JournalWriter, ValidationError } from '@synapse/core/internal';
import type { UploadedRecord } from './schemas.js';

/*
 * The journal of `uploadDataCollection`: JSON lines, appended only.
 *   {"type":"intent","records":[{"key":…,"files":{name:{checksum,path}}},…]}  before each `POST data_units/`
 *   {"type":"unit","key":…,"dataUnit":11}           data unit made, its task not yet (runs with a project)
 *   {"type":"done","key":…,"dataUnit":11,"task":21}  the record is finished (`task` only with a project)
 * Each append is one write followed by a datasync, and the intent is on disk before its request is sent: a kill
 * can only leave a last line torn (ignored when read, as is any line that is not one of these), never lose a line
 * a later request depended on.
 */

/** What a record's files were sent as, comparable with a data unit's `files` from the server. */
export type FilesSignature = string;

/** The files of a data unit (as sent, or as listed): name, checksum and path of each, sorted by name. */
export function filesSignature(files: Record<string, unknown> | undefined): FilesSignature {
  const entries = Object.entries(files ?? {}).map(([name, file]) => {
    const { checksum, path } = (file ?? {}) as { checksum?: unknown; path?: unknown };
    return [name, typeof checksum === 'string' ? checksum : null, typeof path === 'string' ? path : null];
  });
  entries.sort(([a], [b]) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0));
  return JSON.stringify(entries);
}

interface IntentLine {
  type: 'intent';
  records: { key: string; files: Record<string, unknown> }[];
}
interface UnitLine {
  type: 'unit';
  key: string;
  dataUnit: number;
}
interface DoneLine {
  type: 'done';
  key: string;
  dataUnit: number;
  task?: number;
}
type JournalLine = IntentLine | UnitLine | DoneLine;

function parseLine(text: string): JournalLine | undefined {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { type, key, dataUnit, records } = (line ?? {}) as Record<string, unknown>;
  if (type === 'intent' && Array.isArray(records)) return line as IntentLine;
  if ((type === 'unit' || type === 'done') && typeof key === 'string' && typeof dataUnit === 'number')
    return line as UnitLine | DoneLine;
  return undefined;
}

/** A record with a data unit and no task yet, and why its task is missing when the last try failed. */
export interface UnitWithoutTask {
  dataUnit: number;
  error?: Error;
}

/** A journal opened for a run: what earlier runs left, and the appends of this one. */
export class CollectionJournal {
  /** Keys of finished records. */
  readonly done = new Set<string>();
  /** Keys sent in a `POST data_units/` that has no known outcome, with the files they were sent with. */
  readonly inFlight = new Map<string, FilesSignature>();
  /** Keys whose data unit exists and whose task does not (yet). */
  readonly withoutTask = new Map<string, UnitWithoutTask>();
  readonly #writer: JournalWriter;

  private constructor(writer: JournalWriter) {
    this.#writer = writer;
  }

  /** Reads the journal at `path` (a `ValidationError` where there is no disk) and opens it for appending. */
  static async open(path: string): Promise<CollectionJournal> {
    const files = diskJournal('journal');
    const refused = (error: unknown) => {
      const code = (error as { code?: unknown }).code;
      return new ValidationError(
        `journal: ${JSON.stringify(path)} cannot be opened (${typeof code === 'string' ? code : 'error'})`,
        { argument: 'journal', cause: error },
      );
    };
    const journal = new CollectionJournal(
      await files.openForAppend(path).catch((error) => Promise.reject(refused(error))),
    );
    try {
      for await (const text of files.readLines(path)) journal.#apply(parseLine(text));
    } catch (error) {
      await journal.close();
      throw refused(error);
    }
    return journal;
  }

  #apply(line: JournalLine | undefined): void {
    if (line?.type === 'intent') {
      for (const { key, files } of line.records) {
        if (typeof key === 'string' && !this.done.has(key)) this.inFlight.set(key, filesSignature(files));
      }
    } else if (line?.type === 'unit') {
      this.inFlight.delete(line.key);
      this.withoutTask.set(line.key, { dataUnit: line.dataUnit });
    } else if (line?.type === 'done') {
      this.inFlight.delete(line.key);
      this.withoutTask.delete(line.key);
      this.done.add(line.key);
    }
  }

  /** Before `POST data_units/`: the keys and the files about to be sent. */
  async intent(records: readonly { key: string; record: UploadedRecord }[]): Promise<void> {
    const line: IntentLine = {
      type: 'intent',
      records: records.map(({ key, record }) => ({ key, files: record.files })),
    };
    await this.#writer.append([JSON.stringify(line)]);
  }

  /** Data units made whose tasks are still to be created. */
  async units(made: readonly { key: string; dataUnit: number }[]): Promise<void> {
    await this.#append(made.map(({ key, dataUnit }) => ({ type: 'unit', key, dataUnit })));
    for (const { key, dataUnit } of made) {
      this.inFlight.delete(key);
      this.withoutTask.set(key, { dataUnit });
    }
  }

  /** Finished records. */
  async finished(records: readonly { key: string; dataUnit: number; task?: number }[]): Promise<void> {
    await this.#append(records.map(({ key, dataUnit, task }) => ({ type: 'done', key, dataUnit, task })));
    for (const { key } of records) {
      this.inFlight.delete(key);
      this.withoutTask.delete(key);
      this.done.add(key);
    }
  }

  async #append(lines: JournalLine[]): Promise<void> {
    if (lines.length > 0) await this.#writer.append(lines.map((line) => JSON.stringify(line)));
  }

  close(): Promise<void> {
    return this.#writer.close();
  }
}
