export * from '@synapse/core';
export { HITLClient } from './hitl-client.js';
export * from './schemas.js';
