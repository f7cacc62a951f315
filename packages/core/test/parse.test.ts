import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import {
  isResponseValidationError,
  isValidationError,
  parseInput,
  parseOutput,
  parseResponseText,
  ResponseValidationError,
  ValidationError,
} from '../src/internal.js';

function thrown(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseResponseText', () => {
  it('is the JSON value when the body parses, else the text; an empty body is an empty text', () => {
    expect(parseResponseText('{"id":1}')).toEqual({ id: 1 });
    expect(parseResponseText('null')).toBeNull();
    expect(parseResponseText('Bad Gateway')).toBe('Bad Gateway');
    expect(parseResponseText('')).toBe('');
  });
});

describe('parseInput', () => {
  const Job = v.object({ name: v.string(), priority: v.number() });

  it('names the argument and the first field at fault; every issue is listed', () => {
    const error = thrown(() => parseInput(Job, { name: 1, priority: 'high' }, 'data'));
    expect(error.argument).toBe('data.name');
    expect(error.issues).toEqual([
      'name: Invalid type: Expected string but received 1',
      'priority: Invalid type: Expected number but received "high"',
    ]);
    expect(error.message).toBe(
      'Invalid data: name: Invalid type: Expected string but received 1; ' +
        'priority: Invalid type: Expected number but received "high" (at data.name)',
    );
  });

  it('a value wrong as a whole names only the argument', () => {
    const error = thrown(() => parseInput(v.string(), 5, 'name'));
    expect(error.argument).toBe('name');
    expect(error.message).toBe('Invalid name: Invalid type: Expected string but received 5');
  });

  it('returns the parsed value', () => {
    expect(parseInput(Job, { name: 'a', priority: 1 }, 'data')).toEqual({ name: 'a', priority: 1 });
  });

  describe('a union names the issue of the member that matched deepest', () => {
    it('a member issue with a path wins over one without', () => {
      const error = thrown(() =>
        parseInput(v.union([v.string(), v.object({ a: v.number() })]), { a: 'x' }, 'in'),
      );
      expect(error.argument).toBe('in.a');
      expect(error.issues).toEqual(['a: Invalid type: Expected number but received "x"']);
    });

    it('the longest path wins, wherever it is among the members', () => {
      const Deep = v.object({ b: v.object({ c: v.number() }) });
      const Flat = v.object({ a: v.number() });
      const value = { a: 'x', b: { c: 'y' } };
      expect(thrown(() => parseInput(v.union([Deep, Flat]), value, 'in')).argument).toBe('in.b.c');
      expect(thrown(() => parseInput(v.union([Flat, Deep]), value, 'in')).argument).toBe('in.b.c');
    });

    it('of paths as long, the first member wins', () => {
      const union = v.union([v.object({ a: v.number() }), v.object({ b: v.number() })]);
      const error = thrown(() => parseInput(union, { a: 'x', b: 'y' }, 'in'));
      expect(error.argument).toBe('in.a');
      expect(error.issues).toEqual(['a: Invalid type: Expected number but received "x"']);
    });
  });
});

function replyError(run: () => unknown): ResponseValidationError {
  try {
    run();
  } catch (error) {
    return error as ResponseValidationError;
  }
  throw new Error('expected a ResponseValidationError');
}

describe('parseOutput', () => {
  const Reply = v.object({ id: v.number(), name: v.string() });

  it('is a ResponseValidationError naming the request (asked for only on failure) and the paths, never the values', () => {
    const request = vi.fn(() => ({ method: 'GET', url: 'jobs/1/' }));
    expect(parseOutput(Reply, { id: 1, name: 'a' }, request)).toEqual({ id: 1, name: 'a' });
    expect(request).not.toHaveBeenCalled();
    const error = replyError(() => parseOutput(Reply, { id: 'secret-1', name: 2 }, request));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(isValidationError(error)).toBe(false);
    expect(isResponseValidationError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'ResponseValidationError',
      message:
        'The response of GET jobs/1/ does not match its schema: id: expected number; name: expected string',
      method: 'GET',
      url: 'jobs/1/',
      path: 'id',
      issues: ['id: expected number', 'name: expected string'],
    });
    expect(JSON.stringify(error.toJSON())).not.toContain('secret-1');
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('a reply wrong as a whole has no path; a failed check says which', () => {
    const whole = replyError(() => parseOutput(Reply, null, () => ({ method: 'POST', url: 'jobs/' })));
    expect(whole).toMatchObject({
      message: 'The response of POST jobs/ does not match its schema: expected Object',
      path: undefined,
      issues: ['expected Object'],
    });
    const missing = replyError(() =>
      parseOutput(Reply, { id: 1 }, () => ({ method: 'GET', url: 'jobs/1/' })),
    );
    expect(missing).toMatchObject({ path: 'name', issues: ['name: missing'] });
    const Count = v.object({ count: v.pipe(v.number(), v.minValue(0)) });
    const check = replyError(() => parseOutput(Count, { count: -5 }, () => ({ method: 'GET', url: 'n/' })));
    expect(check.issues).toEqual(['count: expected >=0']);
  });
});
