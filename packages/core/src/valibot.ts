/**
 * The valibot functions the SDK's schemas are built from, bundled into core so that the domain packages need no
 * dependency besides it and a process loads only these (valibot's whole module takes longer to load than all of
 * core). Every valibot type is here too; for other valibot functions, import `valibot` itself.
 */
export type * from 'valibot';
export {
  array,
  boolean,
  check,
  custom,
  finite,
  flatten,
  getDotPath,
  integer,
  is,
  literal,
  looseObject,
  maxLength,
  maxValue,
  minLength,
  minValue,
  nonEmpty,
  nullable,
  nullish,
  number,
  object,
  optional,
  parse,
  picklist,
  pipe,
  record,
  safeInteger,
  safeParse,
  strictObject,
  string,
  transform,
  tuple,
  union,
  unknown,
  ValiError,
} from 'valibot';
