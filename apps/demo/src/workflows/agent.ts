import type { Workflow } from '../context.js';

export const agentWorkflow: Workflow = {
  title: 'Agent: health check, run a plugin release, tail the job logs',
  unavailable: ({ agent }) =>
    agent ? undefined : 'skipped: set SYNAPSE_AGENT_URL and SYNAPSE_AGENT_TOKEN to run it against your agent',
  async run({ agent, print, settings, step }) {
    if (!agent) return;
    const health = await step('health check', 'agent.healthCheck()', () => agent.healthCheck());
    print.ok(`agent ${agent.baseUrl} is ${String(health.status ?? 'up')}`);

    const code = settings.agentPluginCode;
    const run = await step(
      'run a plugin release',
      "agent.runPluginRelease(code, { action: 'train', params: { epochs: 2 } })",
      () => agent.runPluginRelease(code, { action: 'train', params: { epochs: 2 } }),
    );
    const jobId = run.submission_id ?? run.job_id;
    if (!jobId) throw new Error(`the agent answered without a job id: ${JSON.stringify(run)}`);
    print.ok(`plugin release ${code} running as job ${jobId}`);

    let lines = 0;
    await step('tail the job logs', 'agent.tailJobLogs(jobId)', async () => {
      for await (const line of agent.tailJobLogs(jobId)) {
        lines += 1;
        print.detail(line);
      }
    });
    const job = await step('get the job', 'agent.getJob(jobId)', () => agent.getJob(jobId));
    print.ok(`job ${jobId} ${job.status}: ${lines} log lines`);
    if (job.status !== 'SUCCEEDED') throw new Error(`job ${jobId} ended ${job.status}`);
  },
};
