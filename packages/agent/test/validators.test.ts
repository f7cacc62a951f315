import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../src/index.js';
import { validateProtocol, validateResourceId, validateStreamTimeout } from '../src/validators.js';

function badRequest(run: () => unknown): BadRequestError {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadRequestError);
  return error as BadRequestError;
}

function expectBadRequest(run: () => unknown, message: string): void {
  expect(badRequest(run)).toMatchObject({ status: 400, message, reason: message, clientName: 'Agent' });
}

describe('validateResourceId', () => {
  it('returns letters, digits, - and _ unchanged, up to 100 characters', () => {
    expect(validateResourceId('raysubmit_AB-12')).toBe('raysubmit_AB-12');
    expect(validateResourceId('a'.repeat(100))).toBe('a'.repeat(100));
  });

  it('turns a safe integer into its digits', () => {
    expect(validateResourceId(123)).toBe('123');
    expect(validateResourceId(0)).toBe('0');
    expect(validateResourceId(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
  });

  it('an empty id: undefined, null, "" or blanks, named after the kind (default job)', () => {
    for (const value of [undefined, null, '', '   ', '\t\n']) {
      expectBadRequest(() => validateResourceId(value), 'job ID cannot be empty');
    }
    expectBadRequest(() => validateResourceId('', 'node'), 'node ID cannot be empty');
  });

  it('anything else that is not such a string is an invalid format', () => {
    for (const value of ['a b', 'job/1', 'a.b', ' a', 1.5, -0.5, 2 ** 53, Number.NaN, {}, ['a'], true]) {
      expectBadRequest(() => validateResourceId(value), 'Invalid job ID format');
    }
    expectBadRequest(() => validateResourceId('x/y', 'task'), 'Invalid task ID format');
  });

  it('more than 100 characters is too long', () => {
    expectBadRequest(() => validateResourceId('a'.repeat(101)), 'job ID too long');
    expectBadRequest(() => validateResourceId('a'.repeat(101), 'node'), 'node ID too long');
  });
});

describe('validateStreamTimeout', () => {
  it('returns a positive number of seconds up to 300', () => {
    for (const value of [0.001, 1, 10, 299.5, 300]) expect(validateStreamTimeout(value)).toBe(value);
  });

  it('zero, negatives, NaN, infinities and non-numbers are not positive numbers', () => {
    for (const value of [0, -0, -1, Number.NaN, Infinity, -Infinity, '5', null, undefined, {}]) {
      expectBadRequest(() => validateStreamTimeout(value), 'stream_timeout must be a positive number');
    }
  });

  it('more than 300 seconds is refused', () => {
    for (const value of [300.001, 301, 1e9]) {
      expectBadRequest(() => validateStreamTimeout(value), 'stream_timeout cannot exceed 300 seconds');
    }
  });
});

describe('validateProtocol', () => {
  it('accepts stream and websocket', () => {
    expect(validateProtocol('stream')).toBe('stream');
    expect(validateProtocol('websocket')).toBe('websocket');
  });

  it('anything else is unsupported, case included', () => {
    for (const value of ['STREAM', 'ws', '', undefined]) {
      expectBadRequest(
        () => validateProtocol(value),
        `Unsupported protocol: ${String(value)}. Use 'websocket' or 'stream'`,
      );
    }
  });
});
