import { MockApi, useMockNetwork } from '@synapse/testing';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  type FirstPageOnly,
  type ListOptions,
  NotFoundError,
  type Page,
  PageIterator,
  ResponseValidationError,
  ValidationError,
} from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

useMockNetwork();

class ListingClient extends TestClient {
  async listThings(params?: Record<string, string | number>) {
    return this.listPath('things/', params);
  }
}

const client = () => new ListingClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries: 0 });

/** A list method that describes its items, as the domain clients' do. */
class ItemListingClient extends TestClient {
  listItems<O extends ListOptions = FirstPageOnly>(options?: O) {
    return this.list<{ id: number }, O>('items/', undefined, options, {
      itemSchema: v.looseObject({ id: v.number() }),
    });
  }
}

describe('list pages are checked', () => {
  const items = () => new ItemListingClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries: 0 });
  const page = (results: unknown[], next: string | null = null) => ({
    count: 3,
    next,
    previous: null,
    results,
  });

  it('every item of the first page, by the path of the bad field', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/items/').reply(200, page([{ id: 1, extra: 'kept' }]));
    expect(await items().listItems()).toEqual(page([{ id: 1, extra: 'kept' }]));
    api.on('GET', '/items/').reply(200, page([{ id: 1 }, { id: 'two' }]));
    const error = await items()
      .listItems()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ method: 'GET', url: `${BASE}/items/`, path: 'results.1.id' });
    const sent = await api.all();
    expect(sent.map((r) => `${r.method} ${r.path}?${r.search}`)).toEqual(['GET /items/?', 'GET /items/?']);
    for (const request of sent) expect(request.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });

  it('every page that listAll follows', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/items/').reply(200, page([{ id: 1 }], `${BASE}/items/?page=2`));
    api.on('GET', '/items/').reply(200, page([{ id: null }]));
    const all = await items().listItems({ listAll: true });
    const error = await all.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ url: `${BASE}/items/?page=2`, path: 'results.0.id' });
    expect((await api.all()).map((r) => r.search)).toEqual(['page_size=100', 'page=2']);
  });

  it('a reply that is no page is refused even where items are not described', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/things/').reply(200, { detail: 'not a page' });
    const error = await client()
      .listThings()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ path: 'count', issues: expect.arrayContaining(['results: missing']) });
    expect((await api.single()).path).toBe('/things/');
  });
});

describe('list', () => {
  it('returns the first page as sent', async () => {
    const api = new MockApi(BASE);
    const page = {
      count: 5,
      next: `${BASE}/things/?page=2`,
      previous: null,
      results: [{ id: 1 }],
      extra: 'kept',
    };
    api.on('GET', '/things/').reply(200, page);
    expect(await client().listPath('things/', { a: 1 })).toEqual(page);
    expect((await api.single()).search).toBe('a=1');
  });

  it('listAll: page 1 fetched once with page_size=100, then next followed verbatim (behavior 32, fixed)', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/things/').reply(200, {
      count: 3,
      next: `${BASE}/things/?a=1&page=2&page_size=100`,
      previous: null,
      results: [{ id: 1 }, { id: 2 }],
    });
    api
      .on('GET', '/things/')
      .reply(200, { count: 3, next: null, previous: `${BASE}/things/?a=1`, results: [{ id: 3 }] });
    const all = await client().listPath('things/', { a: 1 }, { listAll: true });
    expect(all).toBeInstanceOf(PageIterator);
    expect(all.count).toBe(3);
    const seen = [];
    for await (const item of all) seen.push(item);
    expect(seen).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    const requests = await api.all();
    expect(requests.map((r) => r.search)).toEqual(['a=1&page_size=100', 'a=1&page=2&page_size=100']);
    for (const req of requests) expect(req.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });

  it('listAll works with no params (behavior 33, fixed)', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/things/').reply(200, { count: 1, next: null, previous: null, results: [{ id: 1 }] });
    const all = await client().listPath('things/', undefined, { listAll: true });
    expect(await all.toArray()).toEqual([{ id: 1 }]);
    expect((await api.single()).search).toBe('page_size=100');
  });

  it("listAll keeps the caller's page_size", async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/things/').reply(200, { count: 1, next: null, previous: null, results: [{ id: 1 }] });
    const all = await client().listPath('things/', { page_size: 500, a: 1 }, { listAll: true });
    expect(await all.toArray()).toEqual([{ id: 1 }]);
    const request = await api.single();
    expect(request).toMatchObject({ method: 'GET', path: '/things/', search: 'page_size=500&a=1', body: '' });
    expect(request.headers['synapse-access-token']).toBe(`Token ${TOKEN}`);
  });

  it('pages() streams one page at a time, lazily', async () => {
    const api = new MockApi(BASE);
    api
      .on('GET', '/things/')
      .reply(200, { count: 4, next: `${BASE}/things/?page=2`, previous: null, results: [1, 2] });
    api.on('GET', '/things/').reply(200, { count: 4, next: null, previous: null, results: [3, 4] });
    const all = await client().listPath('things/', undefined, { listAll: true });
    expect(api.requests).toHaveLength(1);
    const pages = [];
    for await (const page of all.pages()) pages.push(page);
    expect(pages).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(await api.all()).toHaveLength(2);
  });

  it('a page that fails mid-way rejects the iteration', async () => {
    const api = new MockApi(BASE);
    api
      .on('GET', '/things/')
      .reply(200, { count: 4, next: `${BASE}/things/?page=2`, previous: null, results: [1, 2] });
    api.on('GET', '/things/').reply(404, { detail: 'Not found.' });
    const all = await client().listPath('things/', undefined, { listAll: true });
    await expect(all.toArray()).rejects.toMatchObject({ status: 404 });
    expect(await api.all()).toHaveLength(2);
  });

  it('exists() is true when the page counts items', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/things/').reply(200, { count: 2, next: null, previous: null, results: [1, 2] });
    api.on('GET', '/things/').reply(200, { count: 0, next: null, previous: null, results: [] });
    const c = client();
    expect(await c.exists('listThings', { name: 'a' })).toBe(true);
    expect(await c.exists('listThings', { name: 'b' })).toBe(false);
    expect((await api.all()).map((r) => r.search)).toEqual(['name=a', 'name=b']);
  });

  it('rejects query params that are not scalars', async () => {
    await expect(client().listPath('things/', { a: { b: 1 } } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(client().listPath('things/', 'a=1' as never)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('list errors', () => {
  it('a list call that fails is the error of its GET', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/things/').reply(404, { detail: 'Not found.' });
    const error = await client()
      .listPath('things/', { a: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, method: 'GET', url: `${BASE}/things/?a=1` });
  });

  it('listAll: a first page or a next page that fails is the error of its GET', async () => {
    const api = new MockApi(BASE);
    api.on('GET', '/things/').reply(500, 'down');
    const first = await client()
      .listPath('things/', undefined, { listAll: true })
      .catch((e: unknown) => e);
    expect(first).toMatchObject({ status: 500, method: 'GET', url: `${BASE}/things/?page_size=100` });

    api
      .on('GET', '/things/')
      .reply(200, { count: 4, next: `${BASE}/things/?page=2`, previous: null, results: [1, 2] });
    api.on('GET', '/things/').reply(404, { detail: 'Not found.' });
    const all = await client().listPath('things/', undefined, { listAll: true });
    const error = await all.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ method: 'GET', url: `${BASE}/things/?page=2` });
  });

  it('exists() of a name that is no method of the client is a ValidationError', async () => {
    const error = await client()
      .exists('nothing' as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      message: 'exists: nothing is not a method of this client',
      argument: 'api',
    });
  });
});

describe('PageIterator', () => {
  const pages: Record<string, Page<number>> = {
    'p/2': { count: 3, next: 'p/3', previous: 'p/1', results: [3] },
    'p/3': { count: 3, next: null, previous: 'p/2', results: [] },
  };
  const first: Page<number> = { count: 3, next: 'p/2', previous: null, results: [1, 2] };

  it('yields the items of every page as they are, unless told how to map them', async () => {
    const fetched: string[] = [];
    const all = new PageIterator(first, async (url) => {
      fetched.push(url);
      return pages[url] as Page<number>;
    });
    expect(all.count).toBe(3);
    expect(await all.toArray()).toEqual([1, 2, 3]);
    expect(fetched).toEqual(['p/2', 'p/3']);
    const doubled = new PageIterator(
      first,
      async (url) => pages[url] as Page<number>,
      async (items) => items.map((n) => n * 2),
    );
    expect(await doubled.toArray()).toEqual([2, 4, 6]);
  });

  it('a page without results has no items', async () => {
    const bare = { count: 0, next: null, previous: null } as unknown as Page<number>;
    const all = new PageIterator(bare, async () => bare);
    expect(await all.toArray()).toEqual([]);
  });
});
