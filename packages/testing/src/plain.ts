/**
 * A type written out as plain object types all the way down. valibot types a loose object's output as an
 * intersection, which `expectTypeOf(…).toEqualTypeOf` tells apart from an interface with the same members: a type
 * test compares `Plain<v.InferOutput<typeof XSchema>>` with the model interface `X`, field by field.
 */
export type Plain<T> = T extends readonly (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T]: Plain<T[K]> }
    : T;
