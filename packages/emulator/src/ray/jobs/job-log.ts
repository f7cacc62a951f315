/**
 * The output of one job as a list of lines (without their `\n`). Repeated lines may share one string, so a
 * scripted job with sixty 1 MiB lines holds 1 MiB. Followers read from a cursor and wait for more.
 */
export class JobLog {
  readonly lines: string[] = [];
  private partial = '';
  private closed = false;
  private waiters: Array<() => void> = [];

  get isClosed(): boolean {
    return this.closed;
  }

  appendLines(lines: readonly string[]): void {
    if (this.closed || lines.length === 0) return;
    for (const line of lines) this.lines.push(line);
    this.wake();
  }

  /** Appends raw process output; an unterminated last line waits for its `\n` or for `close()`. */
  appendText(text: string): void {
    if (this.closed || text.length === 0) return;
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    this.appendLines(parts);
  }

  close(): void {
    if (this.closed) return;
    if (this.partial.length > 0) this.lines.push(this.partial);
    this.partial = '';
    this.closed = true;
    this.wake();
  }

  /** The whole log, each line keeping its trailing `\n`. */
  text(): string {
    return this.lines.map((line) => `${line}\n`).join('');
  }

  /** Resolves on the next append or close. */
  changed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

export interface FollowOptions {
  /** A batch holds whole lines up to about this many bytes (at least one line). */
  maxBatchBytes: number;
  /** Stop following when this returns true (client gone, service closing). */
  cancelled?: () => boolean;
}

/** Yields batches of lines from the start of the log, then new ones as they come, until the log closes. */
export async function* followLog(log: JobLog, options: FollowOptions): AsyncGenerator<string[]> {
  let cursor = 0;
  while (!options.cancelled?.()) {
    if (cursor < log.lines.length) {
      const batch: string[] = [];
      let bytes = 0;
      while (cursor < log.lines.length && (batch.length === 0 || bytes < options.maxBatchBytes)) {
        const line = log.lines[cursor++] ?? '';
        batch.push(line);
        bytes += line.length + 1;
      }
      yield batch;
    } else if (log.isClosed) {
      return;
    } else {
      await log.changed();
    }
  }
}
