import type { DemoContext } from './context.js';
import { displayUrl, type Summary } from './printer.js';
import { describeError, StepFailure } from './steps.js';
import { WORKFLOWS } from './workflows/index.js';

function summarize(ran: number, skipped: number, failed: string[], elapsedMs: number): Summary {
  const seconds = (elapsedMs / 1000).toFixed(1);
  const text =
    failed.length > 0
      ? `${failed.length} of ${ran} workflows failed (${failed.join(', ')}) in ${seconds} s`
      : `All ${ran} workflows succeeded${skipped ? `, ${skipped} skipped` : ''} in ${seconds} s.`;
  return { ok: failed.length === 0, ran, skipped, failed, seconds: Number(seconds), text };
}

/** Runs every workflow, each on its own: a failure is printed and the next workflow still runs. 0 when all went well. */
export async function runWorkflows(context: DemoContext): Promise<number> {
  const { print, settings } = context;
  const started = Date.now();
  print.start({
    backend: displayUrl(settings.backendUrl),
    emulator: settings.emulator,
    agent: context.agent && displayUrl(context.agent.baseUrl),
    ray: context.ray && displayUrl(context.ray.baseUrl),
  });

  const failed: string[] = [];
  let skipped = 0;
  for (const [index, workflow] of WORKFLOWS.entries()) {
    print.workflowStarted(index + 1, WORKFLOWS.length, workflow.title);
    const reason = workflow.unavailable?.(context);
    if (reason) {
      print.workflowSkipped(reason);
      skipped += 1;
      continue;
    }
    try {
      await workflow.run(context);
    } catch (error) {
      const where = error instanceof StepFailure ? error.step : 'workflow';
      const why = error instanceof StepFailure ? describeError(error.cause) : describeError(error);
      print.workflowFailed(`${where} failed: ${why}`);
      failed.push(workflow.title.split(':')[0] ?? workflow.title);
    }
  }

  const summary = summarize(WORKFLOWS.length - skipped, skipped, failed, Date.now() - started);
  print.finish(summary);
  return summary.ok ? 0 : 1;
}
