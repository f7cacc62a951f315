// Names two packages define differently: the backend's keeps the plain name, the other gets a prefix.
export * from '@synapse/agent';
export * from '@synapse/annotation';
export { type Task, TaskSchema } from '@synapse/annotation';
export * from '@synapse/core';
export * from '@synapse/data';
export * from '@synapse/hitl';
export * from '@synapse/integration';
export * from '@synapse/ml';
export * from '@synapse/ray';
export { BackendClient } from './backend-client.js';
