import type { Hono } from 'hono';
import { isObject, readJsonObject } from '../../shared/body.js';
import { fieldErrors, notFound } from '../../shared/errors.js';
import { paginate } from '../../shared/pagination.js';
import { type ConsoleLog, JOB_STATUSES, type Job, type JobStatus } from '../model.js';
import type { Backend } from '../state.js';
import { filterRows, idEquals } from '../store.js';
import { appendLog, isTerminal, setStatus } from './job-runner.js';

export const serializeJob = (job: Job) => {
  const { console_logs: _logs, ...rest } = job;
  return rest;
};

const logText = (entry: ConsoleLog): string => `${entry.message.replace(/\r?\n/g, ' ')}\n`;

/** Plain-text stream of the job's console log lines; stays open until the job reaches a terminal status. */
function tail(backend: Backend, job: Job): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream({
    start(controller) {
      for (const entry of job.console_logs) controller.enqueue(encoder.encode(logText(entry)));
      if (isTerminal(job)) return controller.close();
      const onLog = (entry: ConsoleLog) => controller.enqueue(encoder.encode(logText(entry)));
      const onEnd = () => {
        cleanup();
        controller.close();
      };
      cleanup = () => {
        backend.events.off(`log:${job.id}`, onLog);
        backend.events.off(`end:${job.id}`, onEnd);
      };
      backend.events.on(`log:${job.id}`, onLog);
      backend.events.once(`end:${job.id}`, onEnd);
    },
    cancel() {
      cleanup();
    },
  });
}

function applyUpdate(backend: Backend, job: Job, body: Record<string, unknown>): void {
  const { status, progress_record, metrics_record, console_logs, result } = body;
  if (status !== undefined && !(JOB_STATUSES as readonly unknown[]).includes(status)) {
    throw fieldErrors({ status: [`"${String(status)}" is not a valid choice.`] });
  }
  for (const [field, value] of Object.entries({ progress_record, metrics_record })) {
    if (value !== undefined && !isObject(value))
      throw fieldErrors({ [field]: ['Expected a dictionary of items.'] });
  }
  if (console_logs !== undefined && !isObject(console_logs) && !Array.isArray(console_logs)) {
    throw fieldErrors({ console_logs: ['Expected a dictionary or a list.'] });
  }
  if (result !== undefined && !isObject(result) && !Array.isArray(result)) {
    throw fieldErrors({ result: ['Expected a dictionary or a list.'] });
  }
  if (isObject(progress_record)) job.progress_record = progress_record;
  if (isObject(metrics_record)) job.metrics_record = metrics_record;
  if (result !== undefined) job.result = result;
  const entries =
    console_logs === undefined ? [] : Array.isArray(console_logs) ? console_logs : [console_logs];
  for (const entry of entries) {
    const message =
      isObject(entry) && typeof entry.message === 'string' ? entry.message : JSON.stringify(entry);
    const level = isObject(entry) && typeof entry.level === 'string' ? entry.level : 'info';
    appendLog(backend, job, typeof entry === 'string' ? entry : message, level);
  }
  if (status !== undefined) setStatus(backend, job, status as JobStatus);
}

/** `jobs/`, `jobs/{pk}/` (GET, PATCH), `jobs/{pk}/console_logs/`, `jobs/{pk}/tail_console_logs/`. */
export function registerJobs(app: Hono, backend: Backend): void {
  const { state } = backend;
  const find = (pk: string): Job => {
    const job = state.jobs.get(pk);
    if (!job) throw notFound();
    return job;
  };
  app.get('/jobs/', (c) => {
    const rows = filterRows(state.jobs.all(), [
      [c.req.query('plugin'), (job, value) => idEquals(job.plugin, value)],
      [c.req.query('plugin_release'), (job, value) => idEquals(job.plugin_release, value)],
      [c.req.query('status'), (job, value) => value.split(',').includes(job.status)],
      [c.req.query('action'), (job, value) => job.action === value],
    ]);
    return c.json(paginate(c, backend.ctx.baseUrl(), rows, serializeJob));
  });
  app.get('/jobs/:pk/', (c) => c.json(serializeJob(find(c.req.param('pk')))));
  app.patch('/jobs/:pk/', async (c) => {
    const job = find(c.req.param('pk'));
    applyUpdate(backend, job, await readJsonObject(c, backend.options.maxJsonBytes));
    return c.json(serializeJob(job));
  });
  app.get('/jobs/:pk/console_logs/', (c) => c.json(find(c.req.param('pk')).console_logs));
  app.get('/jobs/:pk/tail_console_logs/', (c) => {
    const job = find(c.req.param('pk'));
    return new Response(tail(backend, job), {
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' },
    });
  });
}
