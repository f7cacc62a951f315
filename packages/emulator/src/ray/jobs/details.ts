import type { JobDetails, JobRecord, JobStatus } from './types.js';

function defaultMessage(record: JobRecord): string {
  const messages: Record<JobStatus, string> = {
    PENDING: 'Job has not started yet.',
    RUNNING: 'Job is currently running.',
    STOPPED: 'Job was intentionally stopped.',
    SUCCEEDED: 'Job finished successfully.',
    FAILED: 'Job failed.',
  };
  let message = messages[record.status];
  if (record.status === 'PENDING') {
    if (record.requestedResources) {
      message +=
        ' It may be waiting for resources (CPUs, GPUs, memory, custom resources) to become available.';
    }
    if (record.runtimeEnv && Object.keys(record.runtimeEnv).length > 0) {
      message += ' It may be waiting for the runtime environment to be set up.';
    }
  }
  return message;
}

/** The JobDetails JSON Ray serves for a job. */
export function toJobDetails(record: JobRecord): JobDetails {
  return {
    type: record.type,
    job_id: record.driverJobId,
    submission_id: record.submissionId,
    driver_info: record.driverInfo,
    status: record.status,
    entrypoint: record.entrypoint,
    message: record.message ?? defaultMessage(record),
    error_type: record.errorType,
    start_time: record.startTime,
    end_time: record.endTime,
    metadata: record.metadata,
    runtime_env: record.runtimeEnv,
    driver_agent_http_address: record.driverAgentHttpAddress,
    driver_node_id: record.driverNodeId,
    driver_exit_code: record.driverExitCode,
  };
}
