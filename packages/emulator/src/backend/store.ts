/** An in-memory table with ids from 1 upwards, kept in insertion (= id) order. */
export class Table<T extends { id: number }> {
  readonly #rows = new Map<number, T>();
  #list: T[] | undefined;
  #nextId = 1;

  insert(build: (id: number) => T): T {
    return this.put(build(this.#nextId++));
  }

  /** Takes the next id for a row that is stored later with `put` (when the id must be known first). */
  reserveId(): number {
    return this.#nextId++;
  }

  put(row: T): T {
    this.#rows.set(row.id, row);
    this.#list?.push(row);
    return row;
  }

  get(id: number | string | undefined): T | undefined {
    if (id === undefined) return undefined;
    const key = typeof id === 'number' ? id : /^\d+$/.test(id) ? Number(id) : Number.NaN;
    return this.#rows.get(key);
  }

  delete(id: number): boolean {
    this.#list = undefined;
    return this.#rows.delete(id);
  }

  /** All rows in id order (a cached array; do not mutate). */
  all(): readonly T[] {
    this.#list ??= [...this.#rows.values()];
    return this.#list;
  }

  get size(): number {
    return this.#rows.size;
  }
}

/** Keeps the rows that match every given filter; a filter whose value is undefined is ignored. */
export function filterRows<T>(
  rows: readonly T[],
  filters: Array<[string | undefined, (row: T, value: string) => boolean]>,
) {
  const active = filters.filter(
    (entry): entry is [string, (row: T, value: string) => boolean] => entry[0] !== undefined,
  );
  if (active.length === 0) return rows;
  return rows.filter((row) => active.every(([value, test]) => test(row, value)));
}

/** Compares a numeric foreign key with a query param (`?project=1`). */
export const idEquals = (id: number | null | undefined, value: string): boolean => String(id) === value;
