import { expect, it } from 'vitest';

/** What each vitest project of the shared config sets SYNAPSE_TRANSPORT to (empty counts as unset). */
const EXPECTED: Record<string, string> = { undici: '', fetch: 'fetch' };

it('runs in a transport project, with its environment, and the summary can tell which', ({ task }) => {
  const project = task.file.projectName ?? '';
  expect(Object.keys(EXPECTED)).toContain(project);
  expect(process.env.SYNAPSE_TRANSPORT).toBe(EXPECTED[project]);
  expect((task.meta as { transport?: string }).transport).toBe(project);
});
