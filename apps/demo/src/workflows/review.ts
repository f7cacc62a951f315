import type { DemoContext } from '../context.js';

/** Tasks for new data units, an annotation, tags on tasks and assignments, and the models in use. */
export async function annotateAndReview(context: DemoContext, dataUnitIds: number[]): Promise<void> {
  const { backend, print, settings, step } = context;
  const project = await step('get the project', 'backend.getProject(settings.projectId)', () =>
    backend.getProject(settings.projectId),
  );
  const tasks = await step('create tasks', 'backend.createTasks(dataUnitIds.map(…))', () =>
    backend.createTasks(dataUnitIds.map((dataUnit) => ({ project: project.id, data_unit: dataUnit }))),
  );
  const taskIds = tasks.map((task) => task.id);
  print.ok(`tasks ${taskIds.join(', ')} in project ${project.id} "${project.title ?? ''}"`);

  const all = await step('list tasks', 'backend.listTasks({ project: project.id }, { listAll: true })', () =>
    backend.listTasks({ project: project.id }, { listAll: true }),
  );
  let seen = 0;
  for await (const _task of all) seen += 1;
  print.ok(`project ${project.id} has ${all.count} tasks (${seen} read page by page)`);

  const firstTask = taskIds[0] as number;
  await step('annotate a task', 'backend.annotateTaskData(firstTask, { annotations: […] })', () =>
    backend.annotateTaskData(firstTask, {
      annotations: [{ type: 'bbox', label: 'car', coordinate: { x: 12, y: 30, width: 140, height: 90 } }],
    }),
  );
  const annotated = await step('read the annotated task', 'backend.getTask(firstTask)', () =>
    backend.getTask(firstTask),
  );
  print.ok(`task ${firstTask} annotated: ${JSON.stringify(annotated.data)}`);

  const tags = await step('list task tags', 'backend.listTaskTags({ project: project.id })', () =>
    backend.listTaskTags({ project: project.id }),
  );
  const tagIds = tags.results.map((tag) => tag.id);
  print.ok(`task tags: ${tags.results.map((tag) => `${tag.id} ${tag.name ?? ''}`).join(', ')}`);
  if (tagIds.length > 0) {
    await step('tag tasks', "backend.setTagsTasks({ ids: taskIds, tags: […], action: 'add' })", () =>
      backend.setTagsTasks({ ids: taskIds, tags: tagIds.slice(0, 1), action: 'add' }),
    );
    print.ok(`tasks ${taskIds.join(', ')} tagged ${tagIds[0]}`);
  }

  const assignments = await step(
    'list assignments',
    'backend.listAssignments({ project: project.id }, { listAll: true })',
    () => backend.listAssignments({ project: project.id }, { listAll: true }),
  );
  const assignmentIds = (await assignments.toArray()).map((assignment) => assignment.id);
  print.ok(`assignments in project ${project.id}: ${assignmentIds.join(', ') || 'none'}`);
  if (assignmentIds.length > 0 && tagIds.length > 0) {
    await step(
      'tag assignments',
      "backend.setTagsAssignments({ assignment_ids, tag_ids: […], action: 'add' })",
      () =>
        backend.setTagsAssignments({
          assignment_ids: assignmentIds,
          tag_ids: tagIds.slice(-1),
          action: 'add',
        }),
    );
    print.ok(`assignments ${assignmentIds.join(', ')} tagged ${tagIds.at(-1)}`);
  }

  const models = await step('list models', 'backend.listModels()', () => backend.listModels());
  print.ok(
    `models: ${models.results.map((model) => `${model.id} ${model.name ?? ''}`).join(', ') || 'none'}`,
  );
}
