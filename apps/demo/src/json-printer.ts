import type { Printer, Summary, Target } from './printer.js';
import { silentPrinter } from './silent-printer.js';
import type { StepRecord } from './steps.js';
import { createTextPrinter } from './text-printer.js';

export interface WorkflowReport {
  title: string;
  status: 'succeeded' | 'failed' | 'skipped';
  /** Why it was skipped. */
  reason?: string;
  /** Why it failed, as the text output says it. */
  error?: string;
  steps: StepRecord[];
}

/** What `--json` prints: one object, on one line, when the demo ends. */
export interface JsonReport extends Target {
  workflows: WorkflowReport[];
  summary: Summary;
}

/** `--json`: one JSON object on stdout when the run ends, nothing before it; failures also on stderr. */
export function createJsonPrinter(
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Printer {
  let target: Target = { backend: '', emulator: false };
  const workflows: WorkflowReport[] = [];
  const updateCurrent = (fields: Partial<WorkflowReport>) => {
    const current = workflows.at(-1);
    if (current) Object.assign(current, fields);
  };
  const reportFailure = createTextPrinter(out, err).workflowFailed;
  return {
    ...silentPrinter(),
    start(where) {
      target = where;
    },
    workflowStarted(_index, _total, title) {
      workflows.push({ title, status: 'succeeded', steps: [] });
    },
    workflowSkipped(reason) {
      updateCurrent({ status: 'skipped', reason });
    },
    workflowFailed(message) {
      updateCurrent({ status: 'failed', error: message });
      reportFailure(message);
    },
    stepEnded(record) {
      workflows.at(-1)?.steps.push(record);
    },
    finish(summary) {
      const report: JsonReport = { ...target, workflows, summary };
      out.write(`${JSON.stringify(report)}\n`);
    },
  };
}
