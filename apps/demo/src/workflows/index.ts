import type { Workflow } from '../context.js';
import { agentWorkflow } from './agent.js';
import { dataWorkflow } from './data.js';
import { mlWorkflow } from './ml.js';
import { pluginsWorkflow } from './plugins.js';
import { rayWorkflow } from './ray.js';

/** The documented workflows, in the order the demo runs them. */
export const WORKFLOWS: readonly Workflow[] = [
  dataWorkflow,
  pluginsWorkflow,
  mlWorkflow,
  agentWorkflow,
  rayWorkflow,
];
