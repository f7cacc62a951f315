export type { FaultInfo, FaultRule, ServiceName } from './faults/index.js';
export {
  DEFAULT_JOB_TIMING,
  DEFAULT_TOKENS,
  type Emulator,
  type EmulatorFaults,
  type EmulatorOptions,
  startEmulator,
} from './server.js';
export type { EmulatedService, EmulatorTokens, JobTiming, ServiceContext } from './shared/service.js';
export type { EmulatorStats, MemoryStats } from './shared/stats.js';
