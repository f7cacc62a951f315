/** The workflow sources, from the repository root, with what each one shows; the demo ends by naming them. */
export const WORKFLOWS_FOLDER = 'apps/demo/src/workflows';

export const READ_NEXT: ReadonlyArray<{ file: string; shows: string }> = [
  { file: 'data.ts', shows: 'a data collection, data files (one by chunked upload), data units' },
  { file: 'review.ts', shows: 'tasks, annotating a task, tags on tasks and assignments, models' },
  { file: 'plugins.ts', shows: 'a plugin, a release from a zip, running it, its job and console logs' },
  { file: 'ml.ts', shows: 'a model from a file through the chunked upload, ground-truth events' },
  { file: 'agent.ts', shows: "the agent's health, running a plugin release, tailing its job logs" },
  { file: 'ray.ts', shows: 'a Ray job submitted and tailed, cluster nodes, serve applications' },
];
