import type { UploadBar } from './progress.js';
import type { StepListener } from './steps.js';

/** The services the demo runs against, as shown before the first workflow. */
export interface Target {
  backend: string;
  /** True when the demo started the emulator itself. */
  emulator: boolean;
  agent?: string;
  ray?: string;
}

/** How the run ended; `text` is the one-line summary every output mode prints. */
export interface Summary {
  ok: boolean;
  ran: number;
  skipped: number;
  /** The workflows that failed, by short name (`Data`, `Plugins`, …). */
  failed: string[];
  seconds: number;
  text: string;
}

/** What the demo reports as it runs; each output mode (text, quiet, JSON) shows its own part of it. */
export interface Printer extends StepListener {
  start(target: Target): void;
  workflowStarted(index: number, total: number, title: string): void;
  workflowSkipped(reason: string): void;
  /** A workflow that stopped; always written to stderr. */
  workflowFailed(message: string): void;
  ok(text: string): void;
  detail(text: string): void;
  progress(label: string): UploadBar;
  finish(summary: Summary): void;
}

/** `61.0 MiB`, `1.2 KiB`, `512 B`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A URL without the user name and password it may carry, so it can be printed. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
