export * from '@synapse/core';
export { type CreateModelOptions, type GetModelOptions, MLClient } from './ml-client.js';
export * from './schemas.js';
