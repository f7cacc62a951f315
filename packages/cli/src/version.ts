// Inlined by the build, so the ESM and CJS entries both have it without reading the file at run time.
import { version } from '../package.json';

/** This package's version. */
export const VERSION: string = version;
