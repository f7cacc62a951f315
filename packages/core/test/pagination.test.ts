import { blockNetwork, MockApi, resetNetwork } from '@synapse/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PageIterator, ValidationError } from '../src/index.js';
import { BASE, TestClient, TOKEN } from './helpers/test-client.js';

beforeAll(blockNetwork);
afterEach(resetNetwork);

class ListingClient extends TestClient {
  async listThings(params?: Record<string, string | number>) {
    return this.listPath('things/', params);
  }
}

const client = () => new ListingClient({ baseUrl: BASE, apiToken: TOKEN, maxRetries: 0 });

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
