/**
 * valibot, for the domain packages' schemas, so that they need no dependency besides core. A separate entry
 * point (not a namespace export of the main one) keeps it tree-shakable.
 */
export * from 'valibot';
