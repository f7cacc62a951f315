import type { Context } from 'hono';
import { detailError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

function pageUrl(c: Context, baseUrl: string, page: number): string {
  const url = new URL(c.req.url);
  const target = new URL(url.pathname + url.search, `${baseUrl}/`);
  if (page === 1) target.searchParams.delete('page');
  else target.searchParams.set('page', String(page));
  return target.toString();
}

function positiveInt(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value > 0 ? value : undefined;
}

/**
 * DRF page-number pagination: `page` and `page_size` query params, absolute `next`/`previous` links that keep
 * the other params. Only the items of the requested page are serialized.
 */
export function paginate<T, R>(
  c: Context,
  baseUrl: string,
  items: readonly T[],
  serialize: (item: T) => R,
): Page<R> {
  const pageSize = Math.min(positiveInt(c.req.query('page_size')) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const rawPage = c.req.query('page');
  const page =
    rawPage === 'last' ? Math.max(1, Math.ceil(items.length / pageSize)) : positiveInt(rawPage ?? '1');
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  if (page === undefined || page > pages) throw detailError(404, 'Invalid page.');
  const start = (page - 1) * pageSize;
  return {
    count: items.length,
    next: page < pages ? pageUrl(c, baseUrl, page + 1) : null,
    previous: page > 1 ? pageUrl(c, baseUrl, page - 1) : null,
    results: items.slice(start, start + pageSize).map(serialize),
  };
}
