import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import {
  BaseClient,
  type CallOptions,
  type ClientHooks,
  type FirstPageOnly,
  type HookedRequest,
  type ListOptions,
  type Page,
  type PageIterator,
} from '../src/internal.js';

const Thing = v.object({ id: v.number(), name: v.string() });
type Thing = v.InferOutput<typeof Thing>;

class ThingClient extends BaseClient {
  getThing(id: number, options?: CallOptions) {
    return this.request('GET', `things/${id}/`, options, { schema: Thing });
  }

  getRaw(options?: CallOptions) {
    return this.request<{ raw: true }>('GET', 'raw/', options);
  }

  listThings<O extends ListOptions = FirstPageOnly>(options?: O) {
    return this.list<Thing, O>('things/', undefined, options, { filesFields: [], itemSchema: Thing });
  }
}

const client = new ThingClient({ baseUrl: 'https://synapse.example', apiToken: 'token' });

describe('BaseClient typing', () => {
  it("a caller's options are call options only: a schema, a body or stream are the method's", () => {
    // @ts-expect-error schema is not a call option
    client.getThing(1, { schema: Thing });
    // @ts-expect-error stream is not a call option
    client.getRaw({ stream: true });
  });

  it('request resolves to the output of its schema, or to the type it is given', () => {
    expectTypeOf(client.getThing(1)).resolves.toEqualTypeOf<Thing>();
    expectTypeOf(client.getRaw()).resolves.toEqualTypeOf<{ raw: true }>();
  });

  it('list resolves to a page, or with listAll: true to a PageIterator of the same items', () => {
    expectTypeOf(client.listThings()).resolves.toEqualTypeOf<Page<Thing>>();
    expectTypeOf(client.listThings({ listAll: false })).resolves.toEqualTypeOf<Page<Thing>>();
    expectTypeOf(client.listThings({ listAll: true })).resolves.toEqualTypeOf<PageIterator<Thing>>();
    expectTypeOf(client.listThings({ urlConversion: true })).resolves.toEqualTypeOf<Page<Thing>>();
  });

  it('list with a listAll known only at run time resolves to either, never to one of them', () => {
    const options: ListOptions = {};
    expectTypeOf(client.listThings(options)).resolves.toEqualTypeOf<Page<Thing> | PageIterator<Thing>>();
    const flag = Math.random() > 0.5;
    expectTypeOf(client.listThings({ listAll: flag })).resolves.toEqualTypeOf<
      Page<Thing> | PageIterator<Thing>
    >();
  });

  it('request, list and the hooks are for subclasses, not callers', () => {
    // @ts-expect-error request is protected
    client.request('GET', 'x/');
    // @ts-expect-error list is protected
    client.list('x/', undefined, undefined);
  });

  it('hooks see the request as checked, and every hook is optional', () => {
    expectTypeOf<Record<never, never>>().toMatchTypeOf<ClientHooks>();
    expectTypeOf<Parameters<NonNullable<ClientHooks['sendRequest']>>[0]>().toEqualTypeOf<HookedRequest>();
    expectTypeOf<HookedRequest['method']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<ClientHooks['mapError']>>().returns.toEqualTypeOf<unknown>();
  });
});
