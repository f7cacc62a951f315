import type { Plain } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AgentClient,
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
} from '../src/index.js';

// Each model interface says exactly what its schema checks: no field unchecked, none checked but unnamed.
describe('agent reply models', () => {
  it('match their schemas field by field', () => {
    expectTypeOf<Plain<v.InferOutput<typeof AgentJobDriverSchema>>>().toEqualTypeOf<AgentJobDriver>();
    expectTypeOf<Plain<v.InferOutput<typeof AgentJobSchema>>>().toEqualTypeOf<AgentJob>();
    expectTypeOf<Plain<v.InferOutput<typeof PluginRunResultSchema>>>().toEqualTypeOf<PluginRunResult>();
    expectTypeOf<Plain<v.InferOutput<typeof AgentStopJobResultSchema>>>().toEqualTypeOf<AgentStopJobResult>();
    expectTypeOf<
      Plain<v.InferOutput<typeof AgentServeApplicationSchema>>
    >().toEqualTypeOf<AgentServeApplication>();
  });

  it('are what the methods resolve to', () => {
    expectTypeOf<AgentClient['getJob']>().returns.resolves.toEqualTypeOf<AgentJob>();
    expectTypeOf<AgentClient['listJobs']>().returns.resolves.toEqualTypeOf<AgentJob[]>();
    expectTypeOf<AgentClient['runPluginRelease']>().returns.resolves.toEqualTypeOf<PluginRunResult>();
    expectTypeOf<AgentClient['stopJob']>().returns.resolves.toEqualTypeOf<AgentStopJobResult>();
    expectTypeOf<AgentClient['listServeApplications']>().returns.resolves.toEqualTypeOf<
      AgentServeApplication[]
    >();
    expectTypeOf<AgentClient['healthCheck']>().returns.resolves.toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<AgentClient['listJobLogs']>().returns.resolves.toEqualTypeOf<unknown>();
  });
});
