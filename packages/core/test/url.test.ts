import { describe, expect, it } from 'vitest';
import { encodePathParam, joinUrl, path, ValidationError, withQuery } from '../src/index.js';

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
