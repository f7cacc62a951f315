/**
 * A model type as a type test compares it: its named fields (with their optionality) and its index signature as
 * a field named `[key: string]`. Two models have the same shape only when they name the same fields alike and
 * both keep, or both drop, unknown keys: an interface and its schema's output are compared this way, because a
 * plain equality check tells an interface from an intersection with the same members.
 */
export type ModelShape<T> = {
  [K in keyof T as string extends K ? '[key: string]' : number extends K ? never : K]: T[K];
};
