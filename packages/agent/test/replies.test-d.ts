import type { ModelShape } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { AgentClient } from '../src/index.js';
import type {
  AgentJob,
  AgentJobDriver,
  AgentJobDriverSchema,
  AgentJobSchema,
  AgentServeApplication,
  AgentServeApplicationSchema,
  AgentStopJobResult,
  AgentStopJobResultSchema,
  PluginRunResult,
  PluginRunResultSchema,
} from '../src/schemas.js';

// Each model interface says exactly what its schema checks: no field unchecked, none checked but unnamed.
describe('agent reply models', () => {
  it('match their schemas field by field', () => {
    expectTypeOf<ModelShape<v.InferOutput<typeof AgentJobDriverSchema>>>().toEqualTypeOf<
      ModelShape<AgentJobDriver>
    >();
    expectTypeOf<ModelShape<v.InferOutput<typeof AgentJobSchema>>>().toEqualTypeOf<ModelShape<AgentJob>>();
    expectTypeOf<ModelShape<v.InferOutput<typeof PluginRunResultSchema>>>().toEqualTypeOf<
      ModelShape<PluginRunResult>
    >();
    expectTypeOf<ModelShape<v.InferOutput<typeof AgentStopJobResultSchema>>>().toEqualTypeOf<
      ModelShape<AgentStopJobResult>
    >();
    expectTypeOf<ModelShape<v.InferOutput<typeof AgentServeApplicationSchema>>>().toEqualTypeOf<
      ModelShape<AgentServeApplication>
    >();
  });

  it('are what the methods resolve to', () => {
    expectTypeOf<AgentClient['getJob']>().returns.resolves.toEqualTypeOf<ModelShape<AgentJob>>();
    expectTypeOf<AgentClient['listJobs']>().returns.resolves.toEqualTypeOf<AgentJob[]>();
    expectTypeOf<AgentClient['runPluginRelease']>().returns.resolves.toEqualTypeOf<
      ModelShape<PluginRunResult>
    >();
    expectTypeOf<AgentClient['stopJob']>().returns.resolves.toEqualTypeOf<ModelShape<AgentStopJobResult>>();
    expectTypeOf<AgentClient['listServeApplications']>().returns.resolves.toEqualTypeOf<
      AgentServeApplication[]
    >();
    expectTypeOf<AgentClient['healthCheck']>().returns.resolves.toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<AgentClient['listJobLogs']>().returns.resolves.toEqualTypeOf<ModelShape<unknown>>();
  });
});
