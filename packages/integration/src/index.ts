export * from '@synapse/core';
export { mimeTypeOf } from './data-uri.js';
export {
  IntegrationClient,
  type PlainListOptions,
  type TailJobConsoleLogsOptions,
} from './integration-client.js';
export * from './schemas.js';
