import type { ModelShape } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { IntegrationClient, Page } from '../src/index.js';
import type {
  AgentConnection,
  AgentConnectionSchema,
  CreatedStorage,
  CreatedStorageSchema,
  CreateStorage,
  CreateStorageSchema,
  Job,
  JobConsoleLog,
  JobConsoleLogSchema,
  JobSchema,
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
} from '../src/schemas.js';

/** The model a schema checks, written out as plain object types. */
type Checked<S extends v.GenericSchema> = ModelShape<v.InferOutput<S>>;

// Each model interface says exactly what its schema checks: no field unchecked, none checked but unnamed.
describe('integration reply models', () => {
  it('match their schemas field by field', () => {
    expectTypeOf<Checked<typeof AgentConnectionSchema>>().toEqualTypeOf<ModelShape<AgentConnection>>();
    // An input: what a caller gives is checked as the schema's input.
    expectTypeOf<ModelShape<v.InferInput<typeof CreateStorageSchema>>>().toEqualTypeOf<
      ModelShape<CreateStorage>
    >();
    expectTypeOf<Checked<typeof PluginSchema>>().toEqualTypeOf<ModelShape<Plugin>>();
    expectTypeOf<Checked<typeof RunPluginResultSchema>>().toEqualTypeOf<ModelShape<RunPluginResult>>();
    expectTypeOf<Checked<typeof PluginReleaseSchema>>().toEqualTypeOf<ModelShape<PluginRelease>>();
    expectTypeOf<Checked<typeof JobSchema>>().toEqualTypeOf<ModelShape<Job>>();
    expectTypeOf<Checked<typeof JobConsoleLogSchema>>().toEqualTypeOf<ModelShape<JobConsoleLog>>();
    expectTypeOf<Checked<typeof ServeApplicationSchema>>().toEqualTypeOf<ModelShape<ServeApplication>>();
    expectTypeOf<Checked<typeof StorageSummarySchema>>().toEqualTypeOf<ModelShape<StorageSummary>>();
    expectTypeOf<Checked<typeof CreatedStorageSchema>>().toEqualTypeOf<ModelShape<CreatedStorage>>();
  });

  it('are what the methods resolve to', () => {
    expectTypeOf<IntegrationClient['healthCheckAgent']>().returns.resolves.toEqualTypeOf<
      ModelShape<AgentConnection>
    >();
    expectTypeOf<IntegrationClient['getPlugin']>().returns.resolves.toEqualTypeOf<ModelShape<Plugin>>();
    expectTypeOf<IntegrationClient['runPlugin']>().returns.resolves.toEqualTypeOf<
      ModelShape<RunPluginResult>
    >();
    expectTypeOf<IntegrationClient['getPluginRelease']>().returns.resolves.toEqualTypeOf<
      ModelShape<PluginRelease>
    >();
    expectTypeOf<IntegrationClient['getJob']>().returns.resolves.toEqualTypeOf<ModelShape<Job>>();
    expectTypeOf<IntegrationClient['listJobConsoleLogs']>().returns.resolves.toEqualTypeOf<JobConsoleLog[]>();
    expectTypeOf<IntegrationClient['createServeApplication']>().returns.resolves.toEqualTypeOf<
      ModelShape<ServeApplication>
    >();
    expectTypeOf<IntegrationClient['createStorage']>().returns.resolves.toEqualTypeOf<
      ModelShape<CreatedStorage>
    >();
    expectTypeOf<IntegrationClient['createLogs']>().returns.resolves.toEqualTypeOf<ModelShape<unknown>>();
    const client = null as unknown as IntegrationClient;
    expectTypeOf(client.listStorages()).resolves.toEqualTypeOf<Page<StorageSummary>>();
  });
});
