import type { ConsoleLog, Job, JobStatus } from '../model.js';
import { type Backend, now } from '../state.js';

export const TERMINAL: readonly JobStatus[] = ['stopped', 'succeeded', 'failed'];

export const isTerminal = (job: Job): boolean => TERMINAL.includes(job.status);

export function appendLog(backend: Backend, job: Job, message: string, level = 'info'): void {
  const entry: ConsoleLog = { time: now(), level, message };
  job.console_logs.push(entry);
  backend.events.emit(`log:${job.id}`, entry);
}

export function setStatus(backend: Backend, job: Job, status: JobStatus): void {
  if (job.status === status) return;
  job.status = status;
  if (status === 'running') job.started_at ??= now();
  if (TERMINAL.includes(status)) {
    job.finished_at = now();
    backend.events.emit(`end:${job.id}`);
  }
}

/**
 * Simulates a plugin run: pending for `jobTiming.pendingMs`, then running for `jobTiming.runningMs` with a few
 * console log lines and progress updates, then succeeded (or failed when `fail` is set). A job whose status was
 * changed by a PATCH in the meantime is left alone.
 */
export function simulateRun(backend: Backend, job: Job, fail: boolean): void {
  const { pendingMs, runningMs } = backend.ctx.jobTiming;
  const steps = 3;
  appendLog(backend, job, `Job ${job.id} queued (action: ${job.action})`);
  backend.later(pendingMs, () => {
    if (job.status !== 'pending') return;
    setStatus(backend, job, 'running');
    appendLog(backend, job, `Job ${job.id} started`);
    for (let step = 1; step <= steps; step++) {
      backend.later((runningMs * step) / (steps + 1), () => {
        if (job.status !== 'running') return;
        job.progress_record = { current: step, total: steps, percent: Math.round((step / steps) * 100) };
        appendLog(backend, job, `Step ${step}/${steps} done`);
      });
    }
    backend.later(runningMs, () => {
      if (job.status !== 'running') return;
      if (fail) {
        job.result = { error: 'The run failed as requested (fail: true).' };
        appendLog(backend, job, `Job ${job.id} failed`, 'error');
        setStatus(backend, job, 'failed');
      } else {
        job.result = { ok: true };
        job.progress_record = { current: steps, total: steps, percent: 100 };
        appendLog(backend, job, `Job ${job.id} succeeded`);
        setStatus(backend, job, 'succeeded');
      }
    });
  });
}
