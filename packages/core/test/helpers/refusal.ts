import { expect } from 'vitest';
import { ValidationError } from '../../src/index.js';

/** The ValidationError `fn` throws (the test fails if it throws something else, or nothing). */
export function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}
