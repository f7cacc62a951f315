import type { AgentClient, BackendClient, RayClient } from '@synapse/sdk';
import type { Printer } from './printer.js';
import type { DemoSettings } from './settings.js';
import type { StepRunner } from './steps.js';

/** What every workflow gets. `agent` and `ray` are absent when their URL is not configured. */
export interface DemoContext {
  backend: BackendClient;
  agent: AgentClient | undefined;
  ray: RayClient | undefined;
  settings: DemoSettings;
  print: Printer;
  /** Runs one SDK step: `step('get the model', 'backend.getModel(id)', () => backend.getModel(id))`. */
  step: StepRunner;
  /** A temporary folder for generated files, removed when the demo ends. */
  workDir: string;
}

export interface Workflow {
  title: string;
  /** Why the workflow cannot run here (shown as a skip line), or undefined when it can. */
  unavailable?(context: DemoContext): string | undefined;
  run(context: DemoContext): Promise<void>;
}
