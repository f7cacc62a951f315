import type { Plain } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AgentConnection,
  AgentConnectionSchema,
  CreatedStorage,
  CreatedStorageSchema,
  IntegrationClient,
  Job,
  JobConsoleLog,
  JobConsoleLogSchema,
  JobSchema,
  Page,
  Plugin,
  PluginRelease,
  PluginReleaseSchema,
  PluginSchema,
  RunPluginResult,
  RunPluginResultSchema,
  ServeApplication,
  ServeApplicationSchema,
  StorageSummary,
  StorageSummarySchema,
} from '../src/index.js';

/** The model a schema checks, written out as plain object types. */
type Checked<S extends v.GenericSchema> = Plain<v.InferOutput<S>>;

// Each model interface says exactly what its schema checks: no field unchecked, none checked but unnamed.
describe('integration reply models', () => {
  it('match their schemas field by field', () => {
    expectTypeOf<Checked<typeof AgentConnectionSchema>>().toEqualTypeOf<AgentConnection>();
    expectTypeOf<Checked<typeof PluginSchema>>().toEqualTypeOf<Plugin>();
    expectTypeOf<Checked<typeof RunPluginResultSchema>>().toEqualTypeOf<RunPluginResult>();
    expectTypeOf<Checked<typeof PluginReleaseSchema>>().toEqualTypeOf<PluginRelease>();
    expectTypeOf<Checked<typeof JobSchema>>().toEqualTypeOf<Job>();
    expectTypeOf<Checked<typeof JobConsoleLogSchema>>().toEqualTypeOf<JobConsoleLog>();
    expectTypeOf<Checked<typeof ServeApplicationSchema>>().toEqualTypeOf<ServeApplication>();
    expectTypeOf<Checked<typeof StorageSummarySchema>>().toEqualTypeOf<StorageSummary>();
    expectTypeOf<Checked<typeof CreatedStorageSchema>>().toEqualTypeOf<CreatedStorage>();
  });

  it('are what the methods resolve to', () => {
    expectTypeOf<IntegrationClient['healthCheckAgent']>().returns.resolves.toEqualTypeOf<AgentConnection>();
    expectTypeOf<IntegrationClient['getPlugin']>().returns.resolves.toEqualTypeOf<Plugin>();
    expectTypeOf<IntegrationClient['runPlugin']>().returns.resolves.toEqualTypeOf<RunPluginResult>();
    expectTypeOf<IntegrationClient['getPluginRelease']>().returns.resolves.toEqualTypeOf<PluginRelease>();
    expectTypeOf<IntegrationClient['getJob']>().returns.resolves.toEqualTypeOf<Job>();
    expectTypeOf<IntegrationClient['listJobConsoleLogs']>().returns.resolves.toEqualTypeOf<JobConsoleLog[]>();
    expectTypeOf<
      IntegrationClient['createServeApplication']
    >().returns.resolves.toEqualTypeOf<ServeApplication>();
    expectTypeOf<IntegrationClient['createStorage']>().returns.resolves.toEqualTypeOf<CreatedStorage>();
    expectTypeOf<IntegrationClient['createLogs']>().returns.resolves.toEqualTypeOf<unknown>();
    const client = null as unknown as IntegrationClient;
    expectTypeOf(client.listStorages()).resolves.toEqualTypeOf<Page<StorageSummary>>();
  });
});
