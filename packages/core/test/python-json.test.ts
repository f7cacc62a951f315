import { describe, expect, it } from 'vitest';
import { pythonJsonDumps, ValidationError } from '../src/index.js';

describe('pythonJsonDumps (json.dumps defaults)', () => {
  it.each([
    [{ a: 1, b: [1, 2], c: { d: null } }, '{"a": 1, "b": [1, 2], "c": {"d": null}}'],
    [[{ project: 1, data_unit: 5 }], '[{"project": 1, "data_unit": 5}]'],
    [{ name: 'café ✓ 😀' }, '{"name": "caf\\u00e9 \\u2713 \\ud83d\\ude00"}'],
    [{ quote: 'a"b\\c\n' }, '{"quote": "a\\"b\\\\c\\n"}'],
    [{ skip: undefined, keep: false, n: 1.5 }, '{"keep": false, "n": 1.5}'],
    [null, 'null'],
    ['x', '"x"'],
    [{ when: new Date(0) }, '{"when": "1970-01-01T00:00:00.000Z"}'],
    [[], '[]'],
    [{}, '{}'],
  ])('%j', (value, expected) => {
    expect(pythonJsonDumps(value)).toBe(expected);
    expect(JSON.parse(pythonJsonDumps(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('a circular structure is a ValidationError naming data', () => {
    const data: Record<string, unknown> = { a: 1 };
    data.self = { back: data };
    expect(() => pythonJsonDumps(data)).toThrow(ValidationError);
    expect(() => pythonJsonDumps(data)).toThrow('data refers to itself');
  });

  it('the same object twice (not a cycle) is written twice', () => {
    const shared = { x: 1 };
    expect(pythonJsonDumps({ a: shared, b: [shared] })).toBe('{"a": {"x": 1}, "b": [{"x": 1}]}');
  });

  it('nesting deeper than 1000 levels is a ValidationError, not a stack overflow', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => pythonJsonDumps(deep, 'tasks')).toThrow(ValidationError);
    expect(() => pythonJsonDumps(deep, 'tasks')).toThrow('tasks is nested more than 1000 levels deep');
    let fine: unknown = 1;
    for (let i = 0; i < 999; i++) fine = [fine];
    expect(pythonJsonDumps(fine)).toBe(`${'['.repeat(999)}1${']'.repeat(999)}`);
  });

  it('values JSON cannot hold: as JSON.stringify treats them; booleans and big integers as Python writes them', () => {
    expect(pythonJsonDumps(undefined)).toBe('null');
    expect(pythonJsonDumps(() => 1)).toBe('null');
    expect(pythonJsonDumps({ f: () => 1, s: Symbol('x'), u: undefined, k: 1 })).toBe('{"k": 1}');
    expect(pythonJsonDumps([undefined, () => 1, Symbol('x')])).toBe('[null, null, null]');
    expect(pythonJsonDumps([Number.NaN, Number.POSITIVE_INFINITY, -0])).toBe('[null, null, 0]');
    expect(pythonJsonDumps([true, false])).toBe('[true, false]');
    expect(pythonJsonDumps({ big: 12345678901234567890n })).toBe('{"big": 12345678901234567890}');
  });

  it('toJSON receives its key: "" at the top, the member name or index below', () => {
    const keyed = { toJSON: (key: string) => `key=${key}` };
    expect(pythonJsonDumps(keyed)).toBe('"key="');
    expect(pythonJsonDumps({ a: keyed, list: [keyed] })).toBe('{"a": "key=a", "list": ["key=0"]}');
  });

  it('the errors name the argument given, and say which limit', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    let error: unknown;
    try {
      pythonJsonDumps(loop, 'tasks');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      argument: 'tasks',
      message: 'tasks refers to itself (a circular structure cannot be sent as JSON)',
    });
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(() => pythonJsonDumps(deep)).not.toThrow();
    deep = [deep];
    try {
      pythonJsonDumps(deep);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ argument: 'data', message: 'data is nested more than 1000 levels deep' });
  });
});
