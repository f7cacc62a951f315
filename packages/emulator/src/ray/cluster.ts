import type { ServiceContext } from '../shared/service.js';
import { JobStore } from './jobs/job-store.js';
import { ServeState } from './serve/serve-state.js';
import { HEAD_NODE_ID, HEAD_NODE_IP } from './state/seed.js';

/**
 * The simulated Ray cluster: jobs, Serve applications and seeded nodes/actors/tasks. The Ray service serves
 * it directly and the agent proxies it; pass one instance to both factories to share it.
 */
export class RayCluster {
  readonly jobs: JobStore;
  readonly serve: ServeState;
  readonly bootTime = Date.now();

  constructor(context: Pick<ServiceContext, 'jobTiming' | 'runEntrypoints' | 'dataDir'>) {
    this.jobs = new JobStore({
      timing: context.jobTiming,
      runEntrypoints: context.runEntrypoints,
      scratchParent: context.dataDir,
      nodeId: HEAD_NODE_ID,
      nodeIp: HEAD_NODE_IP,
    });
    this.jobs.addDriverJob('python /home/ray/serve_bootstrap.py', 'SUCCEEDED', this.bootTime - 120_000);
    this.serve = new ServeState(context.jobTiming, this.bootTime);
  }

  close(): void {
    this.jobs.close();
    this.serve.close();
  }
}
