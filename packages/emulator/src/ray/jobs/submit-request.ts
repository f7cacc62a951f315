import { pythonTypeName } from '../http-errors.js';

/** A validated `POST /api/jobs/` body. */
export interface SubmitRequest {
  entrypoint: string;
  submissionId: string | null;
  runtimeEnv: Record<string, unknown> | null;
  metadata: Record<string, string> | null;
  requestedResources: boolean;
}

/** Raised for bodies Ray rejects with a 400 (a Python TypeError or ValueError). */
export class SubmitValidationError extends Error {
  constructor(
    readonly pythonType: 'TypeError' | 'ValueError',
    message: string,
  ) {
    super(message);
  }
}

const KNOWN_FIELDS = new Set([
  'entrypoint',
  'submission_id',
  'job_id',
  'runtime_env',
  'metadata',
  'entrypoint_num_cpus',
  'entrypoint_num_gpus',
  'entrypoint_memory',
  'entrypoint_resources',
  'entrypoint_label_selector',
  'retry_policy',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(message: string): never {
  throw new SubmitValidationError('TypeError', message);
}

function got(value: unknown): string {
  return `got <class '${pythonTypeName(value)}'>`;
}

function checkStringMap(name: string, value: unknown, valuesToo: boolean): void {
  if (!isObject(value)) fail(`${name} must be a dict, ${got(value)}`);
  for (const [, entry] of Object.entries(value)) {
    if (valuesToo && typeof entry !== 'string') fail(`${name} values must be strings, ${got(entry)}`);
  }
}

/** Mirrors Ray's JobSubmitRequest: null keys are dropped, unknown keys and wrong types are rejected. */
export function parseSubmitRequest(body: unknown): SubmitRequest {
  if (!isObject(body))
    fail(`JobSubmitRequest() argument after ** must be a mapping, not ${pythonTypeName(body)}`);
  const fields = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
  for (const key of Object.keys(fields)) {
    if (!KNOWN_FIELDS.has(key))
      fail(`JobSubmitRequest.__init__() got an unexpected keyword argument '${key}'`);
  }
  const { entrypoint, submission_id: submissionId, job_id: jobId, runtime_env, metadata } = fields;
  if (!('entrypoint' in fields)) {
    fail("JobSubmitRequest.__init__() missing 1 required positional argument: 'entrypoint'");
  }
  if (typeof entrypoint !== 'string') fail(`entrypoint must be a string, ${got(entrypoint)}`);
  const id = submissionId ?? jobId;
  if (id !== undefined && typeof id !== 'string')
    fail(`submission_id must be a string if provided, ${got(id)}`);
  if (runtime_env !== undefined) checkStringMap('runtime_env', runtime_env, false);
  if (metadata !== undefined) checkStringMap('metadata', metadata, true);
  for (const key of ['entrypoint_num_cpus', 'entrypoint_num_gpus'] as const) {
    const value = fields[key];
    if (value !== undefined && typeof value !== 'number') fail(`${key} must be a number, ${got(value)}`);
  }
  const memory = fields.entrypoint_memory;
  if (memory !== undefined && !Number.isInteger(memory)) {
    fail(`entrypoint_memory must be an integer, ${got(memory)}`);
  }
  const resources = fields.entrypoint_resources;
  if (resources !== undefined) {
    if (!isObject(resources)) fail(`entrypoint_resources must be a dict, ${got(resources)}`);
    for (const value of Object.values(resources)) {
      if (typeof value !== 'number') fail(`entrypoint_resources values must be numbers, ${got(value)}`);
    }
  }
  const selector = fields.entrypoint_label_selector;
  if (selector !== undefined) checkStringMap('entrypoint_label_selector', selector, true);
  return {
    entrypoint,
    submissionId: typeof id === 'string' ? id : null,
    runtimeEnv: isObject(runtime_env) ? runtime_env : null,
    metadata: isObject(metadata) ? (metadata as Record<string, string>) : null,
    requestedResources: [
      'entrypoint_num_cpus',
      'entrypoint_num_gpus',
      'entrypoint_memory',
      'entrypoint_resources',
    ]
      .map((key) => fields[key])
      .some(
        (value) =>
          value !== undefined && value !== 0 && !(isObject(value) && Object.keys(value).length === 0),
      ),
  };
}
