export * from '@synapse/core';
export { RayClient } from './ray-client.js';
export * from './schemas.js';
