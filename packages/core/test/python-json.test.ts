import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../src/index.js';

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
});
