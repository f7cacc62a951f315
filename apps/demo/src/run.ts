import type { DemoContext } from './context.js';
import { describeError, StepFailure } from './steps.js';
import { WORKFLOWS } from './workflows/index.js';

/** Runs every workflow, each on its own: a failure is printed and the next workflow still runs. 0 when all went well. */
export async function runWorkflows(context: DemoContext): Promise<number> {
  const { print, settings } = context;
  const started = Date.now();
  print.header('Synapse SDK demo');
  print.detail(
    `backend ${settings.backendUrl}${settings.emulator ? ' (local emulator, started by the demo)' : ''}`,
  );
  if (context.agent) print.detail(`agent   ${context.agent.baseUrl}`);
  if (context.ray) print.detail(`ray     ${context.ray.baseUrl}`);

  const failed: string[] = [];
  let skipped = 0;
  for (const [index, workflow] of WORKFLOWS.entries()) {
    print.section(index + 1, WORKFLOWS.length, workflow.title);
    const reason = workflow.unavailable?.(context);
    if (reason) {
      print.skip(reason);
      skipped += 1;
      continue;
    }
    try {
      await workflow.run(context);
    } catch (error) {
      const where = error instanceof StepFailure ? error.step : 'workflow';
      const why = error instanceof StepFailure ? describeError(error.cause) : describeError(error);
      print.fail(`${where} failed: ${why}`);
      failed.push(workflow.title.split(':')[0] ?? workflow.title);
    }
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ran = WORKFLOWS.length - skipped;
  print.blank();
  if (failed.length > 0) {
    print.fail(`${failed.length} of ${ran} workflows failed (${failed.join(', ')}) in ${seconds} s`);
    return 1;
  }
  print.header(`All ${ran} workflows succeeded${skipped ? `, ${skipped} skipped` : ''} in ${seconds} s.`);
  return 0;
}
