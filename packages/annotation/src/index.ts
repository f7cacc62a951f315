export * from '@synapse/core';
export { AnnotationClient } from './annotation-client.js';
export * from './schemas.js';
