/** This package's version, as sent in the `User-Agent` header. */
export const VERSION = '0.0.0';
