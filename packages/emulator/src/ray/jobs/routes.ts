import type { Context, Hono } from 'hono';
import { plainText, pythonTraceback } from '../http-errors.js';
import { toJobDetails } from './details.js';
import { DuplicateJobError, type JobStore, NonTerminalJobError } from './job-store.js';
import { parseSubmitRequest, SubmitValidationError } from './submit-request.js';
import type { JobRecord } from './types.js';

export const JOB_PATHS = [
  '/api/jobs/',
  '/api/jobs/:id',
  '/api/jobs/:id/stop',
  '/api/jobs/:id/logs',
  '/api/jobs/:id/logs/tail',
] as const;

type Lookup = { record: JobRecord } | { response: Response };

/** Finds the job named in the path, or builds Ray's 404 (and 400 for DRIVER jobs when `action` is given). */
export function lookupJob(c: Context, jobs: JobStore, action?: 'stop' | 'delete' | 'get logs of'): Lookup {
  const id = c.req.param('id') ?? '';
  const record = jobs.find(id);
  if (!record) return { response: plainText(c, 404, `Job ${id} does not exist`) };
  if (action && record.type !== 'SUBMISSION') {
    return { response: plainText(c, 400, `Can only ${action} submission type jobs`) };
  }
  return { record };
}

async function submit(c: Context, jobs: JobStore): Promise<Response> {
  try {
    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new SubmitValidationError('ValueError', `Invalid JSON body: ${(error as Error).message}`);
    }
    const request = parseSubmitRequest(body);
    const record = jobs.submit({ ...request, submissionId: request.submissionId });
    return c.json({ job_id: record.submissionId, submission_id: record.submissionId });
  } catch (error) {
    if (error instanceof SubmitValidationError) {
      return plainText(c, 400, pythonTraceback('submit_job', error.pythonType, error.message));
    }
    if (error instanceof DuplicateJobError) {
      return plainText(c, 400, pythonTraceback('submit_job', 'ValueError', error.message));
    }
    throw error;
  }
}

/** Ray's Jobs REST API (`/api/jobs/...`) except the WebSocket tail, which `tail-ws.ts` serves. */
export function registerJobRoutes(app: Hono, jobs: JobStore): void {
  app.post('/api/jobs/', (c) => submit(c, jobs));
  app.get('/api/jobs/', (c) => c.json(jobs.list().map(toJobDetails)));

  app.get('/api/jobs/:id', (c) => {
    const found = lookupJob(c, jobs);
    return 'response' in found ? found.response : c.json(toJobDetails(found.record));
  });

  app.post('/api/jobs/:id/stop', (c) => {
    const found = lookupJob(c, jobs, 'stop');
    return 'response' in found ? found.response : c.json({ stopped: jobs.stop(found.record) });
  });

  app.delete('/api/jobs/:id', (c) => {
    const found = lookupJob(c, jobs, 'delete');
    if ('response' in found) return found.response;
    try {
      jobs.remove(found.record);
    } catch (error) {
      if (!(error instanceof NonTerminalJobError)) throw error;
      return plainText(c, 500, pythonTraceback('delete_job', 'RuntimeError', error.message));
    }
    return c.json({ deleted: true });
  });

  app.get('/api/jobs/:id/logs', (c) => {
    const found = lookupJob(c, jobs, 'get logs of');
    return 'response' in found ? found.response : c.json({ logs: found.record.log.text() });
  });

  // Reached only by a GET without an Upgrade header; real upgrades go through `upgrade()`.
  app.get('/api/jobs/:id/logs/tail', (c) => {
    const found = lookupJob(c, jobs, 'get logs of');
    if ('response' in found) return found.response;
    return plainText(c, 400, '400: No WebSocket UPGRADE hdr: None\n Can "Upgrade" only to "WebSocket".');
  });
}
