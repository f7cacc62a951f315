import { describe, expect, it } from 'vitest';
import { encodeBody, MultipartBody, multipartForm, ValidationError } from '../src/internal.js';

/** The JSON text `encodeBody` sends for `data`. */
const jsonBody = (data: unknown) => encodeBody({ data }).body;

/** The error `call` throws (undefined when it does not). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

function nestedArrays(levels: number): unknown {
  let deep: unknown = 1;
  for (let i = 0; i < levels; i++) deep = [deep];
  return deep;
}

describe('JSON bodies (JSON.stringify)', () => {
  it.each([
    [{ a: 1, b: [1, 2], c: { d: null } }, '{"a":1,"b":[1,2],"c":{"d":null}}'],
    [[{ project: 1, data_unit: 5 }], '[{"project":1,"data_unit":5}]'],
    [{ name: 'café ✓ 😀' }, '{"name":"café ✓ 😀"}'],
    [{ quote: 'a"b\\c\n' }, '{"quote":"a\\"b\\\\c\\n"}'],
    [{ skip: undefined, keep: false, n: 1.5 }, '{"keep":false,"n":1.5}'],
    [null, 'null'],
    ['x', '"x"'],
    [{ when: new Date(0) }, '{"when":"1970-01-01T00:00:00.000Z"}'],
    [[], '[]'],
    [{}, '{}'],
  ])('%j', (value, expected) => {
    expect(jsonBody(value)).toBe(expected);
    expect(encodeBody({ data: value }).headers).toEqual({ 'Content-Type': 'application/json' });
  });

  it('the same object twice (not a cycle) is written twice', () => {
    const shared = { x: 1 };
    expect(jsonBody({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('values JSON cannot hold are written as JSON.stringify writes them; a value it leaves out is null', () => {
    expect(jsonBody(() => 1)).toBe('null');
    expect(jsonBody({ toJSON: () => undefined })).toBe('null');
    expect(jsonBody({ f: () => 1, s: Symbol('x'), u: undefined, k: 1 })).toBe('{"k":1}');
    expect(jsonBody([undefined, () => 1, Symbol('x')])).toBe('[null,null,null]');
    expect(jsonBody([Number.NaN, Number.POSITIVE_INFINITY, -0])).toBe('[null,null,0]');
    expect(jsonBody([true, false])).toBe('[true,false]');
  });

  it('toJSON receives its key: "" at the top, the member name or index below', () => {
    const keyed = { toJSON: (key: string) => `key=${key}` };
    expect(jsonBody(keyed)).toBe('"key="');
    expect(jsonBody({ a: keyed, list: [keyed] })).toBe('{"a":"key=a","list":["key=0"]}');
  });

  it('no data, no body; a form is sent as given, with its own type and length, instead of data', () => {
    expect(encodeBody({})).toEqual({ body: undefined, headers: { 'Content-Type': 'application/json' } });
    const form = new MultipartBody([['a', '1']]);
    expect(encodeBody({ data: { a: 1 }, form })).toEqual({
      body: form,
      headers: { 'Content-Type': form.contentType, 'Content-Length': String(form.length) },
    });
  });
});

describe('data JSON cannot hold is a ValidationError naming data, before anything is sent', () => {
  it('a circular structure', () => {
    const data: Record<string, unknown> = { a: 1 };
    data.self = { back: data };
    const error = thrown(() => jsonBody(data));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'data',
      message: 'data cannot be sent as JSON (Converting circular structure to JSON)',
    });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    const loop: unknown[] = [];
    loop.push(loop);
    expect(thrown(() => jsonBody(loop))).toMatchObject({
      argument: 'data',
      message: 'data cannot be sent as JSON (Converting circular structure to JSON)',
    });
  });

  it('a BigInt', () => {
    const error = thrown(() => jsonBody({ big: 12345678901234567890n }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'data',
      message: 'data cannot be sent as JSON (Do not know how to serialize a BigInt)',
    });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('nesting too deep for JSON.stringify (a RangeError), not a stack overflow', () => {
    const error = thrown(() => jsonBody(nestedArrays(100_000)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      argument: 'data',
      message: 'data is nested too deeply to be sent as JSON',
    });
    expect((error as Error).cause).toBeInstanceOf(RangeError);
    expect(jsonBody(nestedArrays(1000))).toBe(`${'['.repeat(1000)}1${']'.repeat(1000)}`);
  });

  it('an error of toJSON itself is not turned into a ValidationError', () => {
    const failure = new Error('toJSON failed');
    const data = {
      toJSON() {
        throw failure;
      },
    };
    expect(thrown(() => jsonBody(data))).toBe(failure);
  });

  it('in a form field as in a JSON body', async () => {
    const loop: Record<string, unknown> = {};
    loop.loop = loop;
    const file = new File(['x'], 'x.txt');
    await expect(multipartForm({ meta: loop }, { file })).rejects.toMatchObject({
      name: 'ValidationError',
      argument: 'data',
      message: 'data cannot be sent as JSON (Converting circular structure to JSON)',
    });
    await expect(multipartForm({ meta: { n: 2n } }, { file })).rejects.toBeInstanceOf(ValidationError);
    await expect(multipartForm({ meta: nestedArrays(100_000) }, { file })).rejects.toMatchObject({
      argument: 'data',
      message: 'data is nested too deeply to be sent as JSON',
    });
  });
});
