import type { JobLog } from './job-log.js';

export type JobStatus = 'PENDING' | 'RUNNING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED';
export type JobType = 'SUBMISSION' | 'DRIVER';

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['STOPPED', 'SUCCEEDED', 'FAILED']);

export interface DriverInfo {
  id: string;
  node_ip_address: string;
  /** A string, as Ray sends it. */
  pid: string;
}

/** Ray's JobDetails as served by `GET /api/jobs/{id}`. */
export interface JobDetails {
  type: JobType;
  job_id: string | null;
  submission_id: string | null;
  driver_info: DriverInfo | null;
  status: JobStatus;
  entrypoint: string;
  message: string | null;
  error_type: string | null;
  start_time: number | null;
  end_time: number | null;
  metadata: Record<string, string> | null;
  runtime_env: Record<string, unknown> | null;
  driver_agent_http_address: string | null;
  driver_node_id: string | null;
  driver_exit_code: number | null;
}

/** One job held by the emulator. */
export interface JobRecord {
  type: JobType;
  submissionId: string | null;
  driverJobId: string | null;
  driverInfo: DriverInfo | null;
  status: JobStatus;
  entrypoint: string;
  message: string | null;
  errorType: string | null;
  startTime: number;
  endTime: number | null;
  metadata: Record<string, string> | null;
  runtimeEnv: Record<string, unknown> | null;
  driverAgentHttpAddress: string | null;
  driverNodeId: string | null;
  driverExitCode: number | null;
  /** Whether entrypoint CPUs/GPUs/memory/resources were requested (changes the PENDING message). */
  requestedResources: boolean;
  log: JobLog;
  /** Streams of this job's log are cut (connection destroyed) after this many lines. */
  dropAfterLines: number | null;
}

/** What a running entrypoint reports back. */
export interface ProgramIO {
  emitLines(lines: readonly string[]): void;
  emitText(text: string): void;
  exit(code: number): void;
}

/** How a job's entrypoint runs once the job leaves PENDING. */
export interface JobProgram {
  start(io: ProgramIO): { pid: number; stop(): void };
}
