import {
  type CallOptions,
  encodePathParam,
  parseInput,
  sleep,
  TimeoutError,
  ValidationError,
} from '@synapse/core';
import * as v from 'valibot';
import type { RayContext } from './context.js';
import {
  type RayJobDetails,
  type RayJobStatus,
  type SubmitJobRequest,
  TERMINAL_JOB_STATUSES,
  type WaitForJobOptions,
} from './schemas.js';

const count = v.pipe(v.number(), v.finite(), v.minValue(0));
const SubmitJobSchema = v.strictObject({
  entrypoint: v.pipe(v.string(), v.nonEmpty('entrypoint must not be empty')),
  submissionId: v.optional(v.pipe(v.string(), v.nonEmpty())),
  runtimeEnv: v.optional(v.record(v.string(), v.unknown())),
  metadata: v.optional(v.record(v.string(), v.string())),
  entrypointNumCpus: v.optional(count),
  entrypointNumGpus: v.optional(count),
  entrypointMemory: v.optional(v.pipe(count, v.integer())),
  entrypointResources: v.optional(v.record(v.string(), count)),
});

const WIRE_NAMES: Record<keyof SubmitJobRequest, string> = {
  entrypoint: 'entrypoint',
  submissionId: 'submission_id',
  runtimeEnv: 'runtime_env',
  metadata: 'metadata',
  entrypointNumCpus: 'entrypoint_num_cpus',
  entrypointNumGpus: 'entrypoint_num_gpus',
  entrypointMemory: 'entrypoint_memory',
  entrypointResources: 'entrypoint_resources',
};

/** Ray job ids are any string (submission ids are user-chosen); they are percent-encoded as one segment. */
function jobPath(id: unknown, suffix = ''): string {
  return `api/jobs/${encodePathParam(id, 'id')}${suffix}`;
}

/** `POST api/jobs/`; returns the submission id. */
export async function submitJob(ctx: RayContext, request: SubmitJobRequest, options?: CallOptions) {
  const parsed = parseInput(SubmitJobSchema, request, 'request');
  // Members left undefined are not sent (the JSON body leaves them out).
  const body = Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [WIRE_NAMES[key as keyof SubmitJobRequest], value]),
  );
  const reply = await ctx.request<{ submission_id?: string; job_id?: string }>('POST', 'api/jobs/', {
    ...options,
    data: body,
  });
  return reply.submission_id ?? reply.job_id ?? '';
}

export async function listJobs(ctx: RayContext, options?: CallOptions): Promise<RayJobDetails[]> {
  return ctx.request('GET', 'api/jobs/', options);
}

export async function getJobInfo(ctx: RayContext, id: string, options?: CallOptions): Promise<RayJobDetails> {
  return ctx.request('GET', jobPath(id), options);
}

export async function stopJob(ctx: RayContext, id: string, options?: CallOptions): Promise<boolean> {
  const reply = await ctx.request<{ stopped?: boolean }>('POST', jobPath(id, '/stop'), options);
  return reply.stopped === true;
}

export async function deleteJob(ctx: RayContext, id: string, options?: CallOptions): Promise<boolean> {
  const reply = await ctx.request<{ deleted?: boolean }>('DELETE', jobPath(id), options);
  return reply.deleted === true;
}

export async function getJobLogs(ctx: RayContext, id: string, options?: CallOptions): Promise<string> {
  const reply = await ctx.request<{ logs?: string }>('GET', jobPath(id, '/logs'), options);
  return reply.logs ?? '';
}

export function tailJobLogs(ctx: RayContext, id: string, signal?: AbortSignal): AsyncGenerator<string> {
  return ctx.webSocketLines(jobPath(id, '/logs/tail'), signal);
}

function positive(value: number, argument: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${argument} must be a positive number of seconds`, { argument });
  }
  return value;
}

/** Polls `getJobInfo` until the job reaches a terminal status. */
export async function waitForJob(
  ctx: RayContext,
  id: string,
  options: WaitForJobOptions = {},
): Promise<RayJobDetails> {
  const timeout = positive(options.timeout ?? 600, 'timeout');
  const interval = positive(options.pollInterval ?? 1, 'pollInterval');
  const deadline = Date.now() + timeout * 1000;
  let status: RayJobStatus | undefined;
  while (true) {
    const job = await getJobInfo(ctx, id, { signal: options.signal });
    status = job.status;
    if (TERMINAL_JOB_STATUSES.includes(job.status)) return job;
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(interval, left / 1000), options.signal);
  }
  const reason = `Ray job ${id} did not finish within ${timeout}s (last status ${status})`;
  throw new TimeoutError(reason, { reason, phase: 'read', clientName: 'Ray' });
}
