import * as v from 'valibot';

/** A DRF page as the server sends it. */
export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
  [key: string]: unknown;
}

/** Reads one page of a list by its URL (a `next` link). */
export type PageFetcher<T> = (url: string) => Promise<Page<T>>;

/** A DRF page whose every item is checked by `item` (unknown keys kept). */
export function pageSchema<T>(item: v.GenericSchema<unknown, T>): v.GenericSchema<unknown, Page<T>> {
  return v.looseObject({
    count: v.number(),
    next: v.nullable(v.string()),
    previous: v.nullable(v.string()),
    results: v.array(item),
  }) as v.GenericSchema<unknown, Page<T>>;
}

/**
 * Every item of a paginated list, fetched page by page as it is iterated (one page in memory).
 * The first page is already fetched, so `count` is known at once; `next` links are followed verbatim.
 * Each new iteration starts again from the first page.
 */
export class PageIterator<T> implements AsyncIterable<T> {
  readonly #first: Page<T>;
  readonly #fetchPage: PageFetcher<T>;
  readonly #mapPage: (items: T[]) => Promise<T[]>;

  constructor(
    first: Page<T>,
    fetchPage: PageFetcher<T>,
    mapPage: (items: T[]) => Promise<T[]> = async (i) => i,
  ) {
    this.#first = first;
    this.#fetchPage = fetchPage;
    this.#mapPage = mapPage;
  }

  /** The total number of items, from the first page. */
  get count(): number {
    return this.#first.count;
  }

  /** The pages' item lists, one request per page after the first. */
  async *pages(): AsyncGenerator<T[]> {
    let page: Page<T> = this.#first;
    while (true) {
      yield await this.#mapPage(page.results ?? []);
      if (!page.next) return;
      page = await this.#fetchPage(page.next);
    }
  }

  /** Every item, page after page, each page fetched when the one before is used up. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const items of this.pages()) yield* items;
  }

  /** Every item in one array (all pages in memory at once). */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const items of this.pages()) all.push(...items);
    return all;
  }
}

/**
 * A list call returns one page, or every item when `listAll: true`; when `listAll` is only known at run time (a
 * `boolean`), either, and the type says so.
 */
export type ListResult<T, O> = [ListAllOf<O>] extends [true]
  ? PageIterator<T>
  : [ListAllOf<O>] extends [false | undefined]
    ? Page<T>
    : Page<T> | PageIterator<T>;

/** The type of the options' `listAll` (`undefined` when they have none). */
type ListAllOf<O> = 'listAll' extends keyof O ? O['listAll' & keyof O] : undefined;

/** What a list method's options are when the caller gives none: one page. */
export type FirstPageOnly = { listAll?: false };
