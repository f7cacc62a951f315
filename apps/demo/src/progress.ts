import type { UploadProgress } from '@synapse/sdk';
import { SingleBar } from 'cli-progress';
import { formatBytes } from './printer.js';

/** A progress bar for an upload. It draws only on a terminal; elsewhere the ✓ line that follows says it all. */
export interface UploadBar {
  update(progress: UploadProgress): void;
  /** How many times the server reported accepted bytes (one per chunk, plus the start). */
  readonly reports: number;
  stop(): void;
}

export function uploadBar(label: string, stream: NodeJS.WriteStream = process.stdout): UploadBar {
  const bar = new SingleBar({
    format: `    ${label} [{bar}] {percentage}% {done} / {size}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    clearOnComplete: true,
    stream,
  });
  let started = false;
  let reports = 0;
  return {
    update({ loaded, total }) {
      reports += 1;
      const payload = { done: formatBytes(loaded), size: formatBytes(total) };
      if (!started) {
        bar.start(total, loaded, payload);
        started = true;
      } else bar.update(loaded, payload);
    },
    get reports() {
      return reports;
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** An upload bar that draws nothing, for output modes made for scripts. */
export function silentBar(): UploadBar {
  let reports = 0;
  return {
    update() {
      reports += 1;
    },
    get reports() {
      return reports;
    },
    stop() {},
  };
}
