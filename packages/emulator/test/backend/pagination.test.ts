import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Setup, setup } from '../helpers.js';

let t: Setup;
beforeAll(async () => {
  t = await setup();
  const tasks = Array.from({ length: 250 }, (_, index) => ({ project: 1, data_unit: (index % 3) + 1 }));
  expect((await t.call('POST', 'tasks/', { json: tasks })).status).toBe(201);
});
afterAll(() => t.emulator.stop());

describe('pagination', () => {
  it('pages with absolute next/previous links that keep the other params', async () => {
    const first = await t.call('GET', 'sdk/tasks/?project=1&page_size=100');
    expect(first.body.count).toBe(253);
    expect(first.body.results).toHaveLength(100);
    expect(first.body.previous).toBeNull();
    const next = new URL(first.body.next);
    expect(next.origin).toBe(t.emulator.backendUrl);
    expect(next.pathname).toBe('/sdk/tasks/');
    expect(next.searchParams.get('project')).toBe('1');
    expect(next.searchParams.get('page')).toBe('2');
    const second = await t.call('GET', first.body.next);
    expect(second.body.results[0].id).toBe(101);
    const third = await t.call('GET', second.body.next);
    expect(third.body.results).toHaveLength(53);
    expect(third.body.next).toBeNull();
    const back = await t.call('GET', third.body.previous);
    expect(back.body.results[0].id).toBe(101);
    const firstAgain = new URL(second.body.previous);
    expect(firstAgain.searchParams.has('page')).toBe(false);
  });
  it('defaults to 100 per page and caps page_size at 1000', async () => {
    expect((await t.call('GET', 'sdk/tasks/')).body.results).toHaveLength(100);
    const capped = await t.call('GET', 'sdk/tasks/?page_size=5000');
    expect(capped.body.results).toHaveLength(253);
  });
  it('filters and ignores unknown params', async () => {
    const filtered = await t.call('GET', 'sdk/tasks/?data_unit=2&whatever=1');
    expect(filtered.body.count).toBe(84);
    expect(filtered.body.results.every((task: { data_unit: number }) => task.data_unit === 2)).toBe(true);
    expect((await t.call('GET', 'sdk/tasks/?project=2')).body.count).toBe(0);
  });
  it('404 Invalid page past the end', async () => {
    expect(await t.call('GET', 'sdk/tasks/?page=99')).toMatchObject({
      status: 404,
      body: { detail: 'Invalid page.' },
    });
  });
  it('ids of created objects continue after the seed', async () => {
    const created = await t.call('POST', 'tasks/', { json: { project: 1 } });
    expect(created.body.id).toBe(254);
  });
});
