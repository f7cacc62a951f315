import type { DataCollection, FileSpecification } from '@synapse/data';
import { CliError } from '../exit-codes.js';

/** The file specifications of a collection that name themselves (the reply may list bare ids). */
export function namedSpecs(collection: DataCollection): FileSpecification[] {
  return (collection.file_specifications ?? []).filter(
    (spec): spec is FileSpecification => typeof spec === 'object' && typeof spec.name === 'string',
  );
}

/**
 * The file specification each file goes under: `--spec` when given (it must exist), else the collection's
 * primary one (`is_primary`), else its first required one, else its first.
 */
export function chooseSpec(collection: DataCollection, requested: string | undefined): string {
  const specs = namedSpecs(collection);
  const names = specs.map((spec) => spec.name as string);
  if (requested !== undefined) {
    if (!names.includes(requested)) {
      throw new CliError(
        `Data collection ${collection.id} has no file specification "${requested}" (it has: ${names.join(', ') || 'none'})`,
      );
    }
    return requested;
  }
  const chosen =
    specs.find((spec) => spec.is_primary === true) ?? specs.find((spec) => spec.is_required === true);
  const name = chosen?.name ?? names[0];
  if (name === undefined) {
    throw new CliError(`Data collection ${collection.id} has no file specification to upload files under`);
  }
  return name;
}
