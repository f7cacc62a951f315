import type { JobTiming } from '../../shared/service.js';
import { driverJobIdHex, newSubmissionId } from './ids.js';
import { JobLog } from './job-log.js';
import { processProgram } from './process-program.js';
import { simulateEntrypoint } from './simulate.js';
import { timedProgram } from './timed-program.js';
import { type JobProgram, type JobRecord, TERMINAL_STATUSES } from './types.js';

export interface JobStoreOptions {
  timing: JobTiming;
  runEntrypoints: boolean;
  /** Folder under which each real entrypoint process gets its own HOME/TMPDIR folder. */
  scratchParent: string;
  /** Node that "runs" every entrypoint. */
  nodeId: string;
  nodeIp: string;
}

export interface NewJob {
  submissionId?: string | null;
  entrypoint: string;
  runtimeEnv?: Record<string, unknown> | null;
  metadata?: Record<string, string> | null;
  requestedResources?: boolean;
  /** Defaults to the simulated (or, with `runEntrypoints`, real) entrypoint. */
  program?: JobProgram;
  dropAfterLines?: number | null;
}

export class DuplicateJobError extends Error {
  constructor(readonly submissionId: string) {
    super(`Job with submission_id ${submissionId} already exists. Please use a different submission_id.`);
  }
}

export class NonTerminalJobError extends Error {
  constructor(id: string, status: string) {
    super(`Attempted to delete job '${id}', but it is in a non-terminal state ${status}.`);
  }
}

const LOG_TAIL_CHARS = 20_000;

function logTail(log: JobLog): string {
  const picked: string[] = [];
  let size = 0;
  for (let i = log.lines.length - 1; i >= 0 && size < LOG_TAIL_CHARS; i--) {
    const line = `${log.lines[i]}\n`;
    picked.unshift(line);
    size += line.length;
  }
  return picked.join('').slice(-LOG_TAIL_CHARS);
}

function envVarsOf(runtimeEnv: Record<string, unknown> | null): Record<string, string> {
  const vars = runtimeEnv?.env_vars;
  if (typeof vars !== 'object' || vars === null) return {};
  return Object.fromEntries(Object.entries(vars).map(([key, value]) => [key, String(value)]));
}

/** Jobs and their lifecycle: PENDING → RUNNING → SUCCEEDED / FAILED / STOPPED, timed by `JobTiming`. */
export class JobStore {
  private readonly submissions = new Map<string, JobRecord>();
  private readonly drivers: JobRecord[] = [];
  private readonly pending = new Map<JobRecord, NodeJS.Timeout>();
  private readonly running = new Map<JobRecord, { stop(): void }>();
  private driverCounter = 1;

  constructor(private readonly options: JobStoreOptions) {}

  submit(job: NewJob): JobRecord {
    const submissionId = job.submissionId ?? newSubmissionId();
    if (this.submissions.has(submissionId)) throw new DuplicateJobError(submissionId);
    const record: JobRecord = {
      type: 'SUBMISSION',
      submissionId,
      driverJobId: null,
      driverInfo: null,
      status: 'PENDING',
      entrypoint: job.entrypoint,
      message: null,
      errorType: null,
      startTime: Date.now(),
      endTime: null,
      metadata: job.metadata ?? null,
      runtimeEnv: job.runtimeEnv ?? null,
      driverAgentHttpAddress: null,
      driverNodeId: null,
      driverExitCode: null,
      requestedResources: job.requestedResources ?? false,
      log: new JobLog(),
      dropAfterLines: job.dropAfterLines ?? null,
    };
    this.submissions.set(submissionId, record);
    const program = job.program ?? this.defaultProgram(record);
    const timer = setTimeout(() => this.start(record, program), this.options.timing.pendingMs);
    this.pending.set(record, timer);
    return record;
  }

  /** Registers a DRIVER-type job (a script that called `ray.init()` itself). */
  addDriverJob(entrypoint: string, status: 'RUNNING' | 'SUCCEEDED', startTime: number): JobRecord {
    const driverJobId = driverJobIdHex(this.driverCounter++);
    const record: JobRecord = {
      type: 'DRIVER',
      submissionId: null,
      driverJobId,
      driverInfo: { id: driverJobId, node_ip_address: this.options.nodeIp, pid: '3121' },
      status,
      entrypoint,
      message: null,
      errorType: null,
      startTime,
      endTime: status === 'SUCCEEDED' ? startTime + 60_000 : null,
      metadata: {},
      runtimeEnv: null,
      driverAgentHttpAddress: null,
      driverNodeId: this.options.nodeId,
      driverExitCode: null,
      requestedResources: false,
      log: new JobLog(),
      dropAfterLines: null,
    };
    record.log.close();
    this.drivers.push(record);
    return record;
  }

  /** Looks a job up by driver job id first, then by submission id. */
  find(id: string): JobRecord | undefined {
    for (const record of this.drivers) if (record.driverJobId === id) return record;
    for (const record of this.submissions.values()) if (record.driverJobId === id) return record;
    return this.submissions.get(id);
  }

  /** Submission jobs in submission order, then DRIVER jobs by job id. */
  list(): JobRecord[] {
    const drivers = [...this.drivers].sort((a, b) =>
      (a.driverJobId ?? '').localeCompare(b.driverJobId ?? ''),
    );
    return [...this.submissions.values(), ...drivers];
  }

  /** Returns false when the job had already finished. */
  stop(record: JobRecord): boolean {
    if (TERMINAL_STATUSES.has(record.status)) return false;
    clearTimeout(this.pending.get(record));
    this.pending.delete(record);
    this.running.get(record)?.stop();
    this.running.delete(record);
    this.finish(record, 'STOPPED', null);
    return true;
  }

  remove(record: JobRecord): void {
    if (!TERMINAL_STATUSES.has(record.status)) {
      throw new NonTerminalJobError(record.submissionId ?? record.driverJobId ?? '', record.status);
    }
    if (record.submissionId !== null) this.submissions.delete(record.submissionId);
  }

  close(): void {
    for (const record of [...this.pending.keys(), ...this.running.keys()]) this.stop(record);
  }

  private defaultProgram(record: JobRecord): JobProgram {
    if (this.options.runEntrypoints) {
      return processProgram(record.entrypoint, envVarsOf(record.runtimeEnv), this.options.scratchParent);
    }
    return timedProgram(simulateEntrypoint(record.entrypoint, this.options.timing.runningMs));
  }

  private start(record: JobRecord, program: JobProgram): void {
    this.pending.delete(record);
    if (record.status !== 'PENDING') return;
    record.status = 'RUNNING';
    record.driverJobId = driverJobIdHex(this.driverCounter++);
    record.driverAgentHttpAddress = `http://${this.options.nodeIp}:52365`;
    record.driverNodeId = this.options.nodeId;
    const handle = program.start({
      emitLines: (lines) => record.log.appendLines(lines),
      emitText: (text) => record.log.appendText(text),
      exit: (code) => {
        if (record.status !== 'RUNNING') return;
        this.running.delete(record);
        this.finish(record, code === 0 ? 'SUCCEEDED' : 'FAILED', code);
      },
    });
    record.driverInfo = {
      id: record.driverJobId,
      node_ip_address: this.options.nodeIp,
      pid: String(handle.pid),
    };
    if (record.status === 'RUNNING') this.running.set(record, handle);
  }

  private finish(
    record: JobRecord,
    status: 'SUCCEEDED' | 'FAILED' | 'STOPPED',
    exitCode: number | null,
  ): void {
    record.status = status;
    record.endTime = Date.now();
    record.driverExitCode = exitCode;
    if (status === 'FAILED') {
      record.log.close();
      record.errorType = 'JOB_ENTRYPOINT_COMMAND_ERROR';
      record.message =
        `Job entrypoint command failed with exit code ${exitCode}, ` +
        `last available logs (truncated to 20,000 chars):\n${logTail(record.log)}`;
    }
    record.log.close();
  }
}
