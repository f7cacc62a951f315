import type { Context } from 'hono';
import { DuplicateJobError, type JobStore } from './job-store.js';
import { timedProgram } from './timed-program.js';

/** Body of `POST /__emulator/jobs`: a job whose output is scripted, for client limit tests. */
export interface ScriptedJobRequest {
  id?: string;
  lines?: string[];
  /** Appended after `lines`: `count` copies of `line` (`{n}` becomes 1, 2, …) or of `length` x's. */
  repeat?: { count: number; line: string } | { count: number; length: number };
  intervalMs?: number;
  /** Log streams of this job destroy their connection after sending this many lines. */
  dropAfterLines?: number;
  status?: 'SUCCEEDED' | 'FAILED';
  /** Exit code when `status` is FAILED (default 1). */
  exitCode?: number;
}

const MAX_LINES = 1_000_000;
const MAX_LINE_LENGTH = 16 * 1024 * 1024;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

const isCount = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

function scriptedLines(request: ScriptedJobRequest): string[] | string {
  const lines = request.lines ?? [];
  if (!Array.isArray(lines) || lines.some((line) => typeof line !== 'string')) return 'lines must be strings';
  const repeat = request.repeat;
  if (repeat === undefined) return [...lines];
  if (!isCount(repeat.count, MAX_LINES)) return `repeat.count must be an integer from 0 to ${MAX_LINES}`;
  if ('length' in repeat) {
    if (!isCount(repeat.length, MAX_LINE_LENGTH)) return `repeat.length must be at most ${MAX_LINE_LENGTH}`;
    const line = 'x'.repeat(repeat.length);
    return [...lines, ...Array.from({ length: repeat.count }, () => line)];
  }
  if (typeof repeat.line !== 'string') return 'repeat needs line or length';
  const template = repeat.line;
  const numbered = template.includes('{n}');
  return [
    ...lines,
    ...Array.from({ length: repeat.count }, (_, i) =>
      numbered ? template.replaceAll('{n}', String(i + 1)) : template,
    ),
  ];
}

/** Creates the scripted job; returns an error text for a bad request. */
export function createScriptedJob(
  jobs: JobStore,
  request: ScriptedJobRequest,
): { id: string } | { error: string } {
  const lines = scriptedLines(request);
  if (typeof lines === 'string') return { error: lines };
  if (request.id !== undefined && (typeof request.id !== 'string' || !ID_PATTERN.test(request.id))) {
    return { error: 'id must be 1-100 letters, digits, - or _' };
  }
  if (request.intervalMs !== undefined && !isCount(request.intervalMs, 60_000))
    return { error: 'bad intervalMs' };
  if (request.dropAfterLines !== undefined && !isCount(request.dropAfterLines, MAX_LINES)) {
    return { error: 'bad dropAfterLines' };
  }
  if (request.status !== undefined && request.status !== 'SUCCEEDED' && request.status !== 'FAILED') {
    return { error: 'status must be SUCCEEDED or FAILED' };
  }
  const failed = request.status === 'FAILED';
  const exitCode = failed ? (request.exitCode ?? 1) || 1 : 0;
  try {
    const record = jobs.submit({
      submissionId: request.id ?? null,
      entrypoint: `emulator-scripted-job --lines ${lines.length}${failed ? ` && exit ${exitCode}` : ''}`,
      program: timedProgram({ lines, intervalMs: request.intervalMs ?? 0, minRunMs: 0, exitCode }),
      dropAfterLines: request.dropAfterLines ?? null,
    });
    return { id: record.submissionId ?? '' };
  } catch (error) {
    if (error instanceof DuplicateJobError) return { error: error.message };
    throw error;
  }
}

/** `POST /__emulator/jobs` handler (no auth: a loopback test tool). */
export async function scriptedJobHandler(c: Context, jobs: JobStore): Promise<Response> {
  const body = await c.req.json<ScriptedJobRequest>().catch(() => null);
  if (typeof body !== 'object' || body === null) return c.json({ detail: 'JSON object body required' }, 400);
  const result = createScriptedJob(jobs, body);
  if ('error' in result) return c.json({ detail: result.error }, 400);
  return c.json({ job_id: result.id, submission_id: result.id }, 201);
}
