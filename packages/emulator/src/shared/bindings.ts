import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/** The raw Node request and response behind a Hono context served by `@hono/node-server`. */
export const bindings = (c: Context): HttpBindings => c.env as HttpBindings;
