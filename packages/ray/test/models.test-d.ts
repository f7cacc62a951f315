import type { Plain } from '@synapse/testing';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  RayActorState,
  RayActorStateSchema,
  RayClient,
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
} from '../src/index.js';

/** The model a schema checks, written out as plain object types. */
type Checked<S extends v.GenericSchema> = Plain<v.InferOutput<S>>;

// Each model interface says exactly what its schema checks: no field unchecked, none checked but unnamed.
describe('Ray reply models', () => {
  it('jobs match their schemas field by field', () => {
    expectTypeOf<Checked<typeof RayJobStatusSchema>>().toEqualTypeOf<RayJobStatus>();
    expectTypeOf<Checked<typeof RayJobTypeSchema>>().toEqualTypeOf<RayJobType>();
    expectTypeOf<Checked<typeof RayDriverInfoSchema>>().toEqualTypeOf<RayDriverInfo>();
    expectTypeOf<Checked<typeof RayJobDetailsSchema>>().toEqualTypeOf<RayJobDetails>();
    expectTypeOf<Checked<typeof RayVersionSchema>>().toEqualTypeOf<RayVersion>();
  });

  it('State API rows match their schemas field by field', () => {
    expectTypeOf<Checked<typeof RayNodeStateSchema>>().toEqualTypeOf<RayNodeState>();
    expectTypeOf<Checked<typeof RayActorStateSchema>>().toEqualTypeOf<RayActorState>();
    expectTypeOf<Checked<typeof RayTaskEventSchema>>().toEqualTypeOf<RayTaskEvent>();
    expectTypeOf<Checked<typeof RayTaskStateSchema>>().toEqualTypeOf<RayTaskState>();
    expectTypeOf<Checked<typeof RayJobStateSchema>>().toEqualTypeOf<RayJobState>();
  });

  it('Serve models match their schemas field by field', () => {
    expectTypeOf<Checked<typeof RayServeActorSchema>>().toEqualTypeOf<RayServeActor>();
    expectTypeOf<Checked<typeof RayServeProxySchema>>().toEqualTypeOf<RayServeProxy>();
    expectTypeOf<Checked<typeof RayServeReplicaSchema>>().toEqualTypeOf<RayServeReplica>();
    expectTypeOf<Checked<typeof RayServeDeploymentSchema>>().toEqualTypeOf<RayServeDeployment>();
    expectTypeOf<
      Checked<typeof RayServeApplicationDetailsSchema>
    >().toEqualTypeOf<RayServeApplicationDetails>();
    expectTypeOf<Checked<typeof RayServeApplicationSchema>>().toEqualTypeOf<RayServeApplication>();
    expectTypeOf<Checked<typeof RayServeHttpOptionsSchema>>().toEqualTypeOf<RayServeHttpOptions>();
    expectTypeOf<Checked<typeof RayServeGrpcOptionsSchema>>().toEqualTypeOf<RayServeGrpcOptions>();
    expectTypeOf<Checked<typeof ServeInstanceDetailsSchema>>().toEqualTypeOf<ServeInstanceDetails>();
  });

  it('legacy node models match their schemas field by field', () => {
    expectTypeOf<Checked<typeof RayNodeRayletSchema>>().toEqualTypeOf<RayNodeRaylet>();
    expectTypeOf<Checked<typeof RayNodeSummarySchema>>().toEqualTypeOf<RayNodeSummary>();
    expectTypeOf<Checked<typeof RayNodeDetailSchema>>().toEqualTypeOf<RayNodeDetail>();
  });

  it('are what the methods resolve to', () => {
    expectTypeOf<RayClient['getVersion']>().returns.resolves.toEqualTypeOf<RayVersion>();
    expectTypeOf<RayClient['getJobInfo']>().returns.resolves.toEqualTypeOf<RayJobDetails>();
    expectTypeOf<RayClient['listJobs']>().returns.resolves.toEqualTypeOf<RayJobDetails[]>();
    expectTypeOf<RayClient['getJobStatus']>().returns.resolves.toEqualTypeOf<RayJobStatus>();
    expectTypeOf<RayClient['submitJob']>().returns.resolves.toEqualTypeOf<string>();
    expectTypeOf<RayClient['stopJob']>().returns.resolves.toEqualTypeOf<boolean>();
    expectTypeOf<RayClient['deleteJob']>().returns.resolves.toEqualTypeOf<boolean>();
    expectTypeOf<RayClient['getJobLogs']>().returns.resolves.toEqualTypeOf<string>();
    expectTypeOf<RayClient['listNodes']>().returns.resolves.toEqualTypeOf<RayNodeSummary[]>();
    expectTypeOf<RayClient['getNode']>().returns.resolves.toEqualTypeOf<RayNodeDetail>();
    expectTypeOf<RayClient['getServeApplications']>().returns.resolves.toEqualTypeOf<ServeInstanceDetails>();
    expectTypeOf<RayClient['listServeApplications']>().returns.resolves.toEqualTypeOf<
      RayServeApplication[]
    >();
    expectTypeOf<RayClient['getServeApplication']>().returns.resolves.toEqualTypeOf<RayServeApplication>();
    expectTypeOf<RayClient['listClusterNodes']>().returns.resolves.toEqualTypeOf<StateList<RayNodeState>>();
    expectTypeOf<RayClient['listActors']>().returns.resolves.toEqualTypeOf<StateList<RayActorState>>();
    expectTypeOf<RayClient['listClusterTasks']>().returns.resolves.toEqualTypeOf<StateList<RayTaskState>>();
    expectTypeOf<RayClient['listClusterJobs']>().returns.resolves.toEqualTypeOf<StateList<RayJobState>>();
  });
});
