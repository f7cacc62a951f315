import type { AgentClient, BackendClient, RayClient } from '@synapse/sdk';
import { isClientError, isValidationError } from '@synapse/sdk';

type MethodName<Client> = {
  [Name in keyof Client]: Client[Name] extends (...args: never[]) => unknown ? Name : never;
}[keyof Client] &
  string;

/**
 * The SDK call a step makes, written as the workflow writes it, arguments shortened with `…`:
 * `backend.createDataFile(smallPath)`. The compiler refuses a method the client does not have.
 */
export type SdkCall =
  | `backend.${MethodName<BackendClient>}(${string})`
  | `agent.${MethodName<AgentClient>}(${string})`
  | `ray.${MethodName<RayClient>}(${string})`;

/** One step that ran: what it is called, the SDK call it made, how it ended and how long it took. */
export interface StepRecord {
  name: string;
  call: SdkCall;
  status: 'succeeded' | 'failed';
  ms: number;
  error?: string;
}

/** Where a step reports that it starts (with its call) and how it ended. */
export interface StepListener {
  stepStarted(name: string, call: SdkCall): void;
  stepEnded(record: StepRecord): void;
}

/** Runs one step of a workflow: the SDK call it declares is reported, then the step; a failure names it. */
export type StepRunner = <T>(name: string, call: SdkCall, run: () => Promise<T>) => Promise<T>;

/** A workflow step that failed: which one, and why. */
export class StepFailure extends Error {
  override name = 'StepFailure';
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step}: ${describeError(cause)}`);
  }
}

export function stepRunner(listener: StepListener): StepRunner {
  return async (name, call, run) => {
    listener.stepStarted(name, call);
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const value = await run();
      listener.stepEnded({ name, call, status: 'succeeded', ms: ms() });
      return value;
    } catch (error) {
      const cause = error instanceof StepFailure ? error.cause : error;
      listener.stepEnded({ name, call, status: 'failed', ms: ms(), error: describeError(cause) });
      throw error instanceof StepFailure ? error : new StepFailure(name, error);
    }
  };
}

/** Runs local preparation (writing a file the next step uploads); it calls no SDK method, but a failure names it. */
export async function prepare<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StepFailure(name, error);
  }
}

/** One line saying what went wrong, with the SDK's error class and status. */
export function describeError(error: unknown): string {
  if (isClientError(error)) return `${error.name} (${error.status}): ${error.message}`;
  if (isValidationError(error)) return `${error.name} (argument ${error.argument}): ${error.message}`;
  if (error instanceof TypeError && /is not a function/.test(error.message)) {
    return `${error.message} — a method the demo needs is missing from the SDK`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
