import type { Workflow } from '../context.js';
import { writePluginZip } from '../files.js';
import { prepare } from '../steps.js';

const TERMINAL = new Set(['succeeded', 'failed', 'stopped']);

export const pluginsWorkflow: Workflow = {
  title: 'Plugins: create, release from a zip, run, follow the job, tail its logs',
  async run({ backend, print, step, workDir }) {
    const code = `demo-zip-plugin-${Date.now().toString(36)}`;
    const plugin = await step(
      'create a plugin',
      "backend.createPlugin({ code, name: 'Demo zip plugin', category: 'neural_net' })",
      () => backend.createPlugin({ code, name: 'Demo zip plugin', category: 'neural_net' }),
    );
    print.ok(`plugin ${plugin.id}: ${plugin.code ?? code}`);

    const zip = await prepare('build the plugin zip', () => writePluginZip(workDir, code));
    const release = await step(
      'publish a release',
      "backend.createPluginRelease({ plugin: plugin.id, version: '0.1.0', file: zip })",
      () => backend.createPluginRelease({ plugin: plugin.id, version: '0.1.0', file: zip }),
    );
    print.ok(
      `release ${release.id}: version ${release.version ?? '0.1.0'}, archive ${release.file ?? '(stored)'}`,
    );

    const run = await step(
      'run the plugin',
      "backend.runPlugin(plugin.id, { action: 'train', params: { epochs: 3 } })",
      () => backend.runPlugin(plugin.id, { action: 'train', params: { epochs: 3 } }),
    );
    const jobId = run.job_id;
    if (jobId === undefined) throw new Error('the backend started no job for the run');
    print.ok(`job ${jobId} started (action train)`);

    let lines = 0;
    await step('tail the console logs', 'backend.tailJobConsoleLogs(jobId)', async () => {
      for await (const line of backend.tailJobConsoleLogs(jobId)) {
        lines += 1;
        print.detail(line);
      }
    });
    const job = await step('follow the job to its end', 'backend.getJob(jobId)', async () => {
      let current = await backend.getJob(jobId);
      while (!TERMINAL.has(current.status ?? '')) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        current = await backend.getJob(jobId);
      }
      return current;
    });
    if (job.status !== 'succeeded') throw new Error(`job ${job.id} ended ${job.status}`);
    const logs = await step('read the console logs', 'backend.listJobConsoleLogs(jobId)', () =>
      backend.listJobConsoleLogs(jobId),
    );
    print.ok(`job ${job.id} ${job.status}: ${lines} lines tailed, ${logs.length} console log entries`);
  },
};
