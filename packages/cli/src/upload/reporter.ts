import { createWriteStream, type WriteStream } from 'node:fs';
import { isAbortError } from '@synapse/core';
import type { CollectionProgress, UploadItemResult } from '@synapse/data';
import { SingleBar } from 'cli-progress';
import { type CliIo, painter, writeJsonLine } from '../io.js';

/** Counts of an upload run, as the summary prints them. */
export interface UploadCounts {
  created: number;
  failed: number;
  skipped: number;
  bytes: number;
}

/** How an upload reports: where its per-record lines go. */
export interface ReporterOptions {
  /** Per-record JSON lines on stdout. */
  json: boolean;
  /** Per-record JSON lines to this file as well (truncated first). */
  reportFile?: string;
  /** The number of records when the CLI knows it (files named one by one, a manifest) and the SDK does not. */
  total?: number;
}

/** A record's outcome as one JSON line of the report. */
function itemLine(item: UploadItemResult): Record<string, unknown> {
  return {
    type: 'item',
    index: item.index,
    key: item.key,
    status: item.status,
    ...(item.dataUnit === undefined ? {} : { dataUnit: item.dataUnit.id }),
    ...(item.task === undefined ? {} : { task: item.task.id }),
    ...(item.stage === undefined ? {} : { stage: item.stage }),
    ...(item.error === undefined ? {} : { error: item.error.message }),
  };
}

const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * The upload's output: a progress bar on stderr when stderr is a terminal (nothing otherwise), one line on
 * stderr per failed record, per-record JSON lines (stdout with `--json`, and/or `--report F`), and a summary.
 */
export class UploadReporter {
  readonly counts: UploadCounts = { created: 0, failed: 0, skipped: 0, bytes: 0 };
  readonly #io: CliIo;
  readonly #options: ReporterOptions;
  #bar: SingleBar | undefined;
  readonly #report: WriteStream | undefined;
  #barStarted = false;

  constructor(io: CliIo, options: ReporterOptions) {
    this.#io = io;
    this.#options = options;
    this.#report =
      options.reportFile === undefined ? undefined : createWriteStream(options.reportFile, { flags: 'w' });
  }

  /** The bulk upload's `onItem`. */
  item = (item: UploadItemResult): void => {
    // A record cut off by Ctrl-C is not final: the journal does not have it and a resume uploads it.
    if (item.status === 'failed' && isAbortError(item.error)) return;
    if (item.status === 'created') this.counts.created += 1;
    else if (item.status === 'failed') this.counts.failed += 1;
    else this.counts.skipped += 1;
    const line = itemLine(item);
    if (this.#options.json) writeJsonLine(this.#io.stdout, line);
    this.#report?.write(`${JSON.stringify(line)}\n`);
    if (item.status === 'failed') {
      const paint = painter(this.#io.stderr, this.#io.env);
      const message = `${paint('red', 'failed')} ${item.key}${item.stage ? ` (${item.stage})` : ''}: ${item.error?.message ?? 'unknown error'}`;
      if (this.#barStarted) this.#bar?.stop();
      this.#barStarted = false;
      this.#io.stderr.write(`${message}\n`);
    }
  };

  /** The bulk upload's `onProgress`. */
  progress = (progress: CollectionProgress): void => {
    this.counts.bytes = progress.bytes;
    if (this.#io.stderr.isTTY !== true) return;
    const finished = progress.done + progress.failed + progress.skipped;
    const payload = {
      failed: progress.failed,
      skipped: progress.skipped,
      size: formatBytes(progress.bytes),
      speed: formatBytes(progress.rate),
    };
    const total = progress.total ?? this.#options.total;
    this.#bar ??= this.#newBar(total !== undefined);
    if (!this.#barStarted) {
      this.#bar.start(total ?? finished, finished, payload);
      this.#barStarted = true;
    } else this.#bar.update(finished, payload);
  };

  /** A bar when the number of records is known (a list of files); a running count when it is not (a folder walk). */
  #newBar(known: boolean): SingleBar {
    const counts = '{failed} failed, {skipped} skipped | {size} at {speed}/s';
    return new SingleBar({
      format: known ? `{bar} {value}/{total} records | ${counts}` : `{value} records | ${counts}`,
      hideCursor: true,
      stream: this.#io.stderr as NodeJS.WriteStream,
    });
  }

  /** Stops the bar, prints the summary (stderr, plus a `summary` JSON line with `--json`), closes the report. */
  async finish(seconds: number, interrupted: boolean): Promise<void> {
    if (this.#barStarted) this.#bar?.stop();
    const { created, failed, skipped, bytes } = this.counts;
    const summary = { type: 'summary', created, failed, skipped, bytes, seconds, interrupted };
    if (this.#options.json) writeJsonLine(this.#io.stdout, summary);
    const paint = painter(this.#io.stderr, this.#io.env);
    const failedText = failed > 0 ? paint('red', `${failed} failed`) : `${failed} failed`;
    this.#io.stderr.write(
      `${interrupted ? 'Interrupted: ' : ''}${paint('green', `${created} created`)}, ${failedText}, ${skipped} skipped (${formatBytes(bytes)} in ${seconds.toFixed(1)} s)\n`,
    );
    const report = this.#report;
    if (report !== undefined) await new Promise<void>((resolve) => report.end(resolve));
  }
}
