import { isClientError, isValidationError } from '@synapse/sdk';

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

/** Runs one step of a workflow; a failure names the step. */
export async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof StepFailure ? error : new StepFailure(label, error);
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
