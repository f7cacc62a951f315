/**
 * A model type written out as plain object types all the way down, as a type test compares it. valibot types a
 * loose object's output as an intersection, which `expectTypeOf(…).toEqualTypeOf` tells apart from an interface
 * with the same members; written out, the two are equal exactly when they name the same fields alike (with their
 * optionality) and both keep, or both drop, unknown keys.
 */
export type ModelShape<T> = T extends readonly (infer U)[]
  ? ModelShape<U>[]
  : T extends object
    ? { [K in keyof T]: ModelShape<T[K]> }
    : T;
