import { describe, expect, it } from 'vitest';
import { encodePathParam, joinUrl, path, ValidationError, withQuery } from '../src/internal.js';
import { assertQueryParams } from '../src/url.js';

const BASE = 'http://fake_url';

describe('joinUrl (behaviors 5–12)', () => {
  it.each([
    ['api/jobs', false, 'http://fake_url/api/jobs'],
    ['/api/jobs', false, 'http://fake_url/api/jobs'],
    ['https://example.com/api/jobs', false, 'https://example.com/api/jobs'],
    ['api/jobs', true, 'http://fake_url/api/jobs/'],
    ['api/jobs/', true, 'http://fake_url/api/jobs/'],
    ['api/jobs/', false, 'http://fake_url/api/jobs/'],
    ['https://example.com/api/jobs', true, 'https://example.com/api/jobs/'],
    ['http://other.com/api', false, 'http://other.com/api'],
    ['https://secure.com/api', false, 'https://secure.com/api'],
  ])('%s (trailing slash: %s) → %s', (input, trailing, expected) => {
    expect(joinUrl(BASE, input, trailing)).toBe(expected);
  });

  it('keeps a query embedded in the path, adding the slash before it', () => {
    expect(joinUrl(BASE, 'data_collections/1/?expand=file_specifications')).toBe(
      'http://fake_url/data_collections/1/?expand=file_specifications',
    );
    expect(joinUrl(BASE, 'x?a=1', true)).toBe('http://fake_url/x/?a=1');
  });
});

describe('path parameters', () => {
  it('encodes ids and strings', () => {
    expect(path('tasks/{id}/', { id: 12 })).toBe('tasks/12/');
    expect(path('plugin_releases/{code}/run/', { code: 'my plugin@1.0' })).toBe(
      'plugin_releases/my%20plugin%401.0/run/',
    );
  });

  it("fills the same template with each call's own values, several parameters and none", () => {
    expect(path('tasks/{id}/', { id: 1 })).toBe('tasks/1/');
    expect(path('tasks/{id}/', { id: 2 })).toBe('tasks/2/');
    expect(path('{a}/x/{b}', { a: 'p', b: 7 })).toBe('p/x/7');
    expect(path('{a}/x/{b}', { a: 'q', b: 8 })).toBe('q/x/8');
    expect(path('projects/', {})).toBe('projects/');
    expect(() => path('tasks/{id}/', {})).toThrow(ValidationError);
  });

  it.each([
    ['../admin'],
    ['..'],
    ['a/b'],
    ['a\\b'],
    [''],
    ['   '],
    [-1],
    [1.5],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [null],
    [undefined],
    [{}],
    [[1]],
    ['x'.repeat(2000)],
    ['x'.repeat(1025)],
    ['.'],
    ['a..b'],
  ])('rejects %j before any request', (value) => {
    expect(() => encodePathParam(value, 'id')).toThrow(ValidationError);
    try {
      encodePathParam(value, 'id');
    } catch (e) {
      expect((e as ValidationError).argument).toBe('id');
      expect((e as Error).message).toMatch(/^id /);
    }
  });
});

describe('withQuery', () => {
  it('encodes like requests: lists repeat, null/undefined dropped, booleans True/False', () => {
    expect(withQuery('u/', { a: 1, b: [1, 2], c: null, d: undefined, e: true, f: false, g: 'x y' })).toBe(
      'u/?a=1&b=1&b=2&e=True&f=False&g=x+y',
    );
  });

  it('appends to an existing query and leaves the URL alone when empty', () => {
    expect(withQuery('u/?expand=x', { page: 2 })).toBe('u/?expand=x&page=2');
    expect(withQuery('u/', {})).toBe('u/');
    expect(withQuery('u/', undefined)).toBe('u/');
  });
});

describe('path parameters at their limits', () => {
  it('accepts 0, a 1024-character segment and dots that do not climb', () => {
    expect(encodePathParam(0, 'id')).toBe('0');
    expect(encodePathParam('x'.repeat(1024), 'id')).toBe('x'.repeat(1024));
    expect(encodePathParam('.hidden', 'name')).toBe('.hidden');
    expect(encodePathParam('v1.2', 'name')).toBe('v1.2');
    expect(encodePathParam('a b?c#d', 'name')).toBe('a%20b%3Fc%23d');
  });

  it('says what is wrong', () => {
    const message = (value: unknown) => {
      try {
        encodePathParam(value, 'id');
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message(-1)).toBe('id must be a whole number ≥ 0, got -1');
    expect(message(null)).toBe('id must be a string or a number, got null');
    expect(message([1])).toBe('id must be a string or a number, got an array');
    expect(message(' ')).toBe('id must not be empty');
    expect(message('x'.repeat(1025))).toBe('id is too long (1025 characters)');
    expect(message('.')).toBe('id must be a single path segment, got "."');
  });
});

describe('joinUrl details', () => {
  it('adds no slash unless asked; strips every leading slash of a path', () => {
    expect(joinUrl(BASE, 'api/jobs')).toBe('http://fake_url/api/jobs');
    expect(joinUrl(BASE, '///api/jobs')).toBe('http://fake_url/api/jobs');
    expect(joinUrl(BASE, 'HTTPS://Example.com/a')).toBe('HTTPS://Example.com/a');
  });

  it('a relative path that merely contains a URL stays relative', () => {
    expect(joinUrl(BASE, 'proxy/https://example.com/a')).toBe('http://fake_url/proxy/https://example.com/a');
  });
});

describe('assertQueryParams', () => {
  const refusal = (params: unknown, argument?: string) => {
    try {
      assertQueryParams(params, argument);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return e as ValidationError;
    }
    throw new Error('expected a ValidationError');
  };

  it('accepts nothing, scalars, lists, null and undefined values', () => {
    for (const params of [
      undefined,
      null,
      {},
      { a: 'x', b: 1, c: true, d: null, e: undefined, f: [1, 'y', false] },
    ]) {
      expect(() => assertQueryParams(params)).not.toThrow();
    }
  });

  it.each([
    ['x=1', 'params', 'params must be an object of query parameters'],
    [[1], 'params', 'params must be an object of query parameters'],
    [{ a: {} }, 'params.a', 'params.a must be a string, number or boolean'],
    [{ a: Number.NaN }, 'params.a', 'params.a must be a string, number or boolean'],
    [{ a: Number.POSITIVE_INFINITY }, 'params.a', 'params.a must be a string, number or boolean'],
    [{ a: [1, {}] }, 'params.a', 'params.a must be a string, number or boolean'],
    [{ a: () => 1 }, 'params.a', 'params.a must be a string, number or boolean'],
  ])('refuses %j', (params, argument, message) => {
    const error = refusal(params);
    expect(error.argument).toBe(argument);
    expect(error.message).toBe(message);
  });

  it('names the argument it was given', () => {
    expect(refusal({ a: {} }, 'filters')).toMatchObject({
      argument: 'filters.a',
      message: 'filters.a must be a string, number or boolean',
    });
  });
});
