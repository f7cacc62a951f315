import { encodePathParam, parseInput, ValidationError } from '@synapse/core/internal';
import * as v from 'valibot';
import type { SubmitJobRequest } from './schemas.js';

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

/** The `POST api/jobs/` body of a `submitJob` request: validated, then snake_cased as Ray names the members. */
export function submitJobBody(request: SubmitJobRequest): Record<string, unknown> {
  const parsed = parseInput(SubmitJobSchema, request, 'request');
  // Members left undefined are not sent (the JSON body leaves them out).
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [WIRE_NAMES[key as keyof SubmitJobRequest], value]),
  );
}

/** Ray job ids are any string (submission ids are user-chosen); they are percent-encoded as one segment. */
export function jobPath(id: unknown, suffix = ''): string {
  return `api/jobs/${encodePathParam(id, 'id')}${suffix}`;
}

/** A `waitForJob` duration in seconds: finite and above zero, else a ValidationError naming the argument. */
export function positiveSeconds(value: number, argument: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${argument} must be a positive number of seconds`, { argument });
  }
  return value;
}
