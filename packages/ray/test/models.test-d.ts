import type { ModelShape } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { RayClient } from '../src/index.js';
import type {
  RayActorState,
  RayActorStateSchema,
  RayDriverInfo,
  RayDriverInfoSchema,
  RayJobDetails,
  RayJobDetailsSchema,
  RayJobState,
  RayJobStateSchema,
  RayJobStatus,
  RayJobStatusSchema,
  RayJobType,
  RayJobTypeSchema,
  RayNodeDetail,
  RayNodeDetailSchema,
  RayNodeRaylet,
  RayNodeRayletSchema,
  RayNodeState,
  RayNodeStateSchema,
  RayNodeSummary,
  RayNodeSummarySchema,
  RayServeActor,
  RayServeActorSchema,
  RayServeApplication,
  RayServeApplicationDetails,
  RayServeApplicationDetailsSchema,
  RayServeApplicationSchema,
  RayServeDeployment,
  RayServeDeploymentSchema,
  RayServeGrpcOptions,
  RayServeGrpcOptionsSchema,
  RayServeHttpOptions,
  RayServeHttpOptionsSchema,
  RayServeProxy,
  RayServeProxySchema,
  RayServeReplica,
  RayServeReplicaSchema,
  RayTaskEvent,
  RayTaskEventSchema,
  RayTaskState,
  RayTaskStateSchema,
  RayVersion,
  RayVersionSchema,
  ServeInstanceDetails,
  ServeInstanceDetailsSchema,
  StateList,
} from '../src/schemas.js';

/** The model a schema checks, written out as plain object types. */
type Checked<S extends v.GenericSchema> = ModelShape<v.InferOutput<S>>;

// Each model interface says exactly what its schema checks: no field unchecked, none checked but unnamed.
describe('Ray reply models', () => {
  it('jobs match their schemas field by field', () => {
    expectTypeOf<Checked<typeof RayJobStatusSchema>>().toEqualTypeOf<ModelShape<RayJobStatus>>();
    expectTypeOf<Checked<typeof RayJobTypeSchema>>().toEqualTypeOf<ModelShape<RayJobType>>();
    expectTypeOf<Checked<typeof RayDriverInfoSchema>>().toEqualTypeOf<ModelShape<RayDriverInfo>>();
    expectTypeOf<Checked<typeof RayJobDetailsSchema>>().toEqualTypeOf<ModelShape<RayJobDetails>>();
    expectTypeOf<Checked<typeof RayVersionSchema>>().toEqualTypeOf<ModelShape<RayVersion>>();
  });

  it('State API rows match their schemas field by field', () => {
    expectTypeOf<Checked<typeof RayNodeStateSchema>>().toEqualTypeOf<ModelShape<RayNodeState>>();
    expectTypeOf<Checked<typeof RayActorStateSchema>>().toEqualTypeOf<ModelShape<RayActorState>>();
    expectTypeOf<Checked<typeof RayTaskEventSchema>>().toEqualTypeOf<ModelShape<RayTaskEvent>>();
    expectTypeOf<Checked<typeof RayTaskStateSchema>>().toEqualTypeOf<ModelShape<RayTaskState>>();
    expectTypeOf<Checked<typeof RayJobStateSchema>>().toEqualTypeOf<ModelShape<RayJobState>>();
  });

  it('Serve models match their schemas field by field', () => {
    expectTypeOf<Checked<typeof RayServeActorSchema>>().toEqualTypeOf<ModelShape<RayServeActor>>();
    expectTypeOf<Checked<typeof RayServeProxySchema>>().toEqualTypeOf<ModelShape<RayServeProxy>>();
    expectTypeOf<Checked<typeof RayServeReplicaSchema>>().toEqualTypeOf<ModelShape<RayServeReplica>>();
    expectTypeOf<Checked<typeof RayServeDeploymentSchema>>().toEqualTypeOf<ModelShape<RayServeDeployment>>();
    expectTypeOf<Checked<typeof RayServeApplicationDetailsSchema>>().toEqualTypeOf<
      ModelShape<RayServeApplicationDetails>
    >();
    expectTypeOf<Checked<typeof RayServeApplicationSchema>>().toEqualTypeOf<
      ModelShape<RayServeApplication>
    >();
    expectTypeOf<Checked<typeof RayServeHttpOptionsSchema>>().toEqualTypeOf<
      ModelShape<RayServeHttpOptions>
    >();
    expectTypeOf<Checked<typeof RayServeGrpcOptionsSchema>>().toEqualTypeOf<
      ModelShape<RayServeGrpcOptions>
    >();
    expectTypeOf<Checked<typeof ServeInstanceDetailsSchema>>().toEqualTypeOf<
      ModelShape<ServeInstanceDetails>
    >();
  });

  it('legacy node models match their schemas field by field', () => {
    expectTypeOf<Checked<typeof RayNodeRayletSchema>>().toEqualTypeOf<ModelShape<RayNodeRaylet>>();
    expectTypeOf<Checked<typeof RayNodeSummarySchema>>().toEqualTypeOf<ModelShape<RayNodeSummary>>();
    expectTypeOf<Checked<typeof RayNodeDetailSchema>>().toEqualTypeOf<ModelShape<RayNodeDetail>>();
  });

  it('are what the methods resolve to', () => {
    expectTypeOf<RayClient['getVersion']>().returns.resolves.toEqualTypeOf<ModelShape<RayVersion>>();
    expectTypeOf<RayClient['getJobInfo']>().returns.resolves.toEqualTypeOf<ModelShape<RayJobDetails>>();
    expectTypeOf<RayClient['listJobs']>().returns.resolves.toEqualTypeOf<RayJobDetails[]>();
    expectTypeOf<RayClient['getJobStatus']>().returns.resolves.toEqualTypeOf<ModelShape<RayJobStatus>>();
    expectTypeOf<RayClient['submitJob']>().returns.resolves.toEqualTypeOf<ModelShape<string>>();
    expectTypeOf<RayClient['stopJob']>().returns.resolves.toEqualTypeOf<ModelShape<boolean>>();
    expectTypeOf<RayClient['deleteJob']>().returns.resolves.toEqualTypeOf<ModelShape<boolean>>();
    expectTypeOf<RayClient['getJobLogs']>().returns.resolves.toEqualTypeOf<ModelShape<string>>();
    expectTypeOf<RayClient['listNodes']>().returns.resolves.toEqualTypeOf<RayNodeSummary[]>();
    expectTypeOf<RayClient['getNode']>().returns.resolves.toEqualTypeOf<ModelShape<RayNodeDetail>>();
    expectTypeOf<RayClient['getServeApplications']>().returns.resolves.toEqualTypeOf<
      ModelShape<ServeInstanceDetails>
    >();
    expectTypeOf<RayClient['listServeApplications']>().returns.resolves.toEqualTypeOf<
      RayServeApplication[]
    >();
    expectTypeOf<RayClient['getServeApplication']>().returns.resolves.toEqualTypeOf<
      ModelShape<RayServeApplication>
    >();
    expectTypeOf<RayClient['listClusterNodes']>().returns.resolves.toEqualTypeOf<StateList<RayNodeState>>();
    expectTypeOf<RayClient['listActors']>().returns.resolves.toEqualTypeOf<StateList<RayActorState>>();
    expectTypeOf<RayClient['listClusterTasks']>().returns.resolves.toEqualTypeOf<StateList<RayTaskState>>();
    expectTypeOf<RayClient['listClusterJobs']>().returns.resolves.toEqualTypeOf<StateList<RayJobState>>();
  });
});
