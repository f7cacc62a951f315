import type { Workflow } from '../context.js';

export const rayWorkflow: Workflow = {
  title: 'Ray: submit a job, tail its logs, list nodes and serve applications',
  unavailable: ({ ray }) =>
    ray ? undefined : 'skipped: set SYNAPSE_RAY_URL (the dashboard, e.g. http://head:8265) to run it',
  async run({ ray, print, step }) {
    if (!ray) return;
    const version = await step('read the Ray version', 'ray.getVersion()', () => ray.getVersion());
    print.ok(`Ray ${version.ray_version} at ${ray.baseUrl}`);

    const id = await step(
      'submit a job',
      "ray.submitJob({ entrypoint: 'echo …', metadata: { source: 'synapse-sdk-demo' } })",
      () =>
        ray.submitJob({
          entrypoint:
            'echo "loading shards" && echo "training step 1" && echo "training step 2" && echo done',
          metadata: { source: 'synapse-sdk-demo' },
        }),
    );
    print.ok(`job ${id} submitted`);
    let lines = 0;
    await step('tail the job logs', 'ray.tailJobLogs(id)', async () => {
      for await (const line of ray.tailJobLogs(id)) {
        lines += 1;
        print.detail(line);
      }
    });
    const job = await step(
      'wait for the job',
      'ray.waitForJob(id, { waitTimeout: 120, pollInterval: 0.2 })',
      () => ray.waitForJob(id, { waitTimeout: 120, pollInterval: 0.2 }),
    );
    print.ok(`job ${id} ${job.status}: ${lines} log lines`);
    if (job.status !== 'SUCCEEDED') throw new Error(`job ${id} ended ${job.status}`);

    const nodes = await step('list nodes', 'ray.listClusterNodes()', () => ray.listClusterNodes());
    const rows = nodes.rows.map((node) =>
      `${String(node.node_ip ?? '?')} ${String(node.state ?? '')}`.trim(),
    );
    print.ok(`${nodes.total} nodes: ${rows.join(', ')}`);
    const apps = await step('list serve applications', 'ray.listServeApplications()', () =>
      ray.listServeApplications(),
    );
    print.ok(
      `serve applications: ${apps.map((app) => `${app.name} (${app.status ?? '?'}, ${app.route_prefix ?? '-'})`).join(', ') || 'none'}`,
    );
  },
};
