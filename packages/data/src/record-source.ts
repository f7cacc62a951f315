/** The records of a run, pulled one at a time, whether they come from an iterable or an async iterable. */
export interface RecordSource<T> {
  next(): Promise<IteratorResult<T>>;
  /** Lets the input clean up when the run stops before its end (a generator's `finally`). */
  stop(): void;
}

export function recordSource<T>(records: Iterable<T> | AsyncIterable<T>): RecordSource<T> {
  if (Symbol.asyncIterator in records) {
    const iterator = records[Symbol.asyncIterator]();
    return {
      next: () => iterator.next(),
      stop: () => void iterator.return?.()?.catch(() => undefined),
    };
  }
  const iterator = records[Symbol.iterator]();
  return {
    next: async () => iterator.next(),
    stop: () => {
      try {
        iterator.return?.();
      } catch {
        // The run is stopping anyway; the input's own cleanup failing changes nothing.
      }
    },
  };
}
