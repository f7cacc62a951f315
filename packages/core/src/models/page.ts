import * as v from 'valibot';

/** A DRF page of items matching `item`; unknown keys are kept. */
export function pageSchema<S extends v.GenericSchema>(item: S) {
  return v.looseObject({
    count: v.number(),
    next: v.nullable(v.string()),
    previous: v.nullable(v.string()),
    results: v.array(item),
  });
}
